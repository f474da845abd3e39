package dev.retrievalgateway.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.emulator.functions.ProbeFunction;
import dev.retrievalgateway.emulator.testsupport.Probes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API Gateway HTTP API front: HTTP in, payload 2.0 event to the function, its answer out. */
class HttpApiFrontAcceptanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static LambdaEmulator lambda;

  @BeforeAll
  static void start() {
    lambda = Probes.emulator("http-api-front", ProbeFunction.class).start();
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder to(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(lambda.frontUri() + pathAndQuery));
  }

  private static JsonNode eventOf(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void sendsAPayload20EventWithTheRawPathQueryAndRequestContext() throws Exception {

    JsonNode event =
        eventOf(send(to("/documents/a%2Fb?q=x%20y&q=z&flag").header("User-Agent", "probe/1")));

    assertEquals("2.0", event.path("version").asText());
    assertEquals("$default", event.path("routeKey").asText());
    assertEquals("/documents/a%2Fb", event.path("rawPath").asText());
    assertEquals("q=x%20y&q=z&flag", event.path("rawQueryString").asText());
    assertEquals("x y,z", event.path("queryStringParameters").path("q").asText());
    JsonNode context = event.path("requestContext");
    assertEquals("GET", context.path("http").path("method").asText());
    assertEquals("127.0.0.1", context.path("http").path("sourceIp").asText());
    assertEquals("probe/1", context.path("http").path("userAgent").asText());
    assertEquals("$default", context.path("routeKey").asText());
    assertFalse(context.path("requestId").asText().isEmpty());
    assertTrue(context.path("timeEpoch").asLong() > 0);
  }

  @Test
  void joinsRepeatedHeadersWithCommasUnderLowerCaseNames() throws Exception {

    JsonNode event = eventOf(send(to("/x").header("X-Role", "intern").header("X-Role", "admin")));

    assertEquals("intern,admin", event.path("headers").path("x-role").asText());
  }

  @Test
  void splitsCookiesOutOfTheCookieHeader() throws Exception {

    JsonNode event = eventOf(send(to("/x").header("Cookie", "a=1; b=2")));

    assertEquals(
        List.of("a=1", "b=2"),
        List.of(event.path("cookies").get(0).asText(), event.path("cookies").get(1).asText()));
    assertTrue(event.path("headers").path("cookie").isMissingNode());
  }

  @Test
  void sendsAJsonBodyAsTextAndABinaryBodyAsBase64() throws Exception {
    byte[] binary = {0, 1, 2, (byte) 0xff};

    JsonNode text =
        eventOf(
            send(
                to("/x")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"é\"}"))));
    JsonNode bytes =
        eventOf(
            send(
                to("/x")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(binary))));

    assertEquals("{\"q\":\"é\"}", text.path("body").asText());
    assertFalse(text.path("isBase64Encoded").asBoolean());
    assertArrayEquals(binary, Base64.getDecoder().decode(bytes.path("body").asText()));
    assertTrue(bytes.path("isBase64Encoded").asBoolean());
  }

  @Test
  void answersWithTheStatusHeadersAndCookiesTheFunctionReturned() throws Exception {

    HttpResponse<byte[]> response = send(to("/x"));

    assertEquals(201, response.statusCode());
    assertEquals("yes", response.headers().firstValue("x-probe").orElseThrow());
    assertEquals(List.of("a=1; Path=/", "b=2"), response.headers().allValues("set-cookie"));
    assertTrue(response.headers().firstValue("apigw-requestid").isPresent());
  }

  @Test
  void decodesABase64BodyFromTheFunction() throws Exception {

    HttpResponse<byte[]> response = send(to("/binary"));

    assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, response.body());
  }

  @Test
  void answersJsonWithStatus200WhenTheFunctionReturnsNoStatusCode() throws Exception {

    HttpResponse<byte[]> response = send(to("/bare"));

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("[\"bare\",1]", new String(response.body()));
  }

  @Test
  void answersApiGatewaysOwnInternalServerErrorWhenTheFunctionFails() throws Exception {

    HttpResponse<byte[]> response = send(to("/fail"));

    assertEquals(500, response.statusCode());
    assertEquals("{\"message\":\"Internal Server Error\"}", new String(response.body()));
  }

  @Test
  void answersApiGatewaysOwnRequestEntityTooLargeOverTenMegabytes() throws Exception {
    byte[] overLimit = new byte[10 * 1024 * 1024 + 1];

    HttpResponse<byte[]> declared =
        send(to("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(overLimit)));
    HttpResponse<byte[]> chunked =
        send(
            to("/echo")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(overLimit))));

    for (HttpResponse<byte[]> response : List.of(declared, chunked)) {
      assertEquals(413, response.statusCode());
      assertEquals("{\"message\":\"Request Entity Too Large\"}", new String(response.body()));
      assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
      assertTrue(response.headers().firstValue("apigw-requestid").isPresent(), "apigw-requestid");
    }
  }
}
