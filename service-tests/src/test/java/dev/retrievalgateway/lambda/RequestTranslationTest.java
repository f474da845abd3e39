package dev.retrievalgateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.http.GatewayRouting;
import dev.retrievalgateway.lambda.testsupport.EchoServer;
import dev.retrievalgateway.testkit.HttpApiEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the gateway receives for a payload 2.0 event: the request the client sent, and no more. */
class RequestTranslationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final EchoServer echo = EchoServer.start();
  private final LoopbackForwarder forwarder = new LoopbackForwarder(echo.baseUri());

  /** Forwards the event as request {@code req-1}; what the gateway's side received. */
  private EchoServer.Received forwarded(HttpApiEvents event) {
    forwarder.forward(event.build(), "req-1");
    return echo.received();
  }

  @Test
  void forwardsMethodRawPathAndRawQueryStringUnchanged() {
    EchoServer.Received got =
        forwarded(HttpApiEvents.request("DELETE", "/documents/a%2Fb.c").rawQuery("q=a%20b&q=c&x"));

    assertEquals("DELETE", got.method());
    assertEquals("/documents/a%2Fb.c", got.rawPath());
    assertEquals("q=a%20b&q=c&x", got.rawQuery());
  }

  /** An event of one header or cookie, the header the gateway receives, and its lines. */
  static Stream<Arguments> headersAsForwarded() {
    return Stream.of(
        Arguments.of(
            Named.of(
                "a comma-joined repeated header, as one line",
                HttpApiEvents.get("/whoami").header("x-user", "alice,bob")),
            "X-User",
            List.of("alice,bob")),
        Arguments.of(
            Named.of(
                "cookies, as one Cookie header",
                HttpApiEvents.get("/whoami").cookie("a=1").cookie("b=2")),
            "Cookie",
            List.of("a=1; b=2")),
        Arguments.of(
            Named.of(
                "non-ASCII characters, replaced so that the value stays invalid",
                HttpApiEvents.get("/whoami").header("x-user", "jos\u00e9\u20ac")),
            "X-User",
            List.of("jos??")));
  }

  @ParameterizedTest
  @MethodSource("headersAsForwarded")
  void forwardsHeaders(HttpApiEvents event, String header, List<String> lines) {
    assertEquals(lines, forwarded(event).header(header));
  }

  /** An event with a body, and the bytes the gateway receives for it. */
  static Stream<Arguments> bodiesAsForwarded() {
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '{', '}'};
    String text = "{\"query\":\"caf\u00e9 \u20ac\"}";
    return Stream.of(
        Arguments.of(
            Named.of(
                "a base64 body, decoded",
                HttpApiEvents.request("POST", "/query")
                    .header("content-type", "application/octet-stream")
                    .base64Body(binary)),
            binary),
        Arguments.of(
            Named.of(
                "a text body, as UTF-8",
                HttpApiEvents.request("POST", "/query")
                    .header("content-type", "application/json")
                    .body(text)),
            text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @MethodSource("bodiesAsForwarded")
  void forwardsTheBodysBytesAndTheirLength(HttpApiEvents event, byte[] bytes) {
    EchoServer.Received got = forwarded(event);

    assertArrayEquals(bytes, got.body());
    assertEquals(List.of(Integer.toString(bytes.length)), got.header("Content-Length"));
  }

  @Test
  void replacesAdapterHeadersThatTheClientSent() throws Exception {
    var event =
        HttpApiEvents.get("/whoami")
            .header(
                GatewayRouting.ADAPTER_REQUEST_CONTEXT,
                "{\"requestId\":\"forged\",\"http\":{\"sourceIp\":\"203.0.113.66\"}}")
            .header("X-AMZN-LAMBDA-CONTEXT", "{\"request_id\":\"forged\"}")
            .sourceIp("198.51.100.7")
            .requestId("apigw-1")
            .build();

    forwarder.forward(event, "aws-1");

    EchoServer.Received got = echo.received();
    List<String> requestContext = got.header(GatewayRouting.ADAPTER_REQUEST_CONTEXT);
    List<String> lambdaContext = got.header(GatewayRouting.ADAPTER_LAMBDA_CONTEXT);
    assertEquals(1, requestContext.size(), "one request context, the adapter's");
    assertEquals(1, lambdaContext.size(), "one Lambda context, the adapter's");
    JsonNode apiGateway = JSON.readTree(requestContext.get(0));
    assertEquals("198.51.100.7", apiGateway.at("/http/sourceIp").asText());
    assertEquals("apigw-1", apiGateway.at("/requestId").asText());
    assertEquals("aws-1", JSON.readTree(lambdaContext.get(0)).at("/request_id").asText());
  }

  @Test
  void computesContentLengthInsteadOfTakingTheEventsOwn() {
    EchoServer.Received got =
        forwarded(
            HttpApiEvents.request("POST", "/query")
                .header("content-length", "999")
                .header("connection", "close")
                .body("{}"));

    assertEquals(List.of("2"), got.header("Content-Length"));
    assertTrue(got.header("Connection").isEmpty());
  }

  @Test
  void percentEncodesWhatAUriCannotHoldAndKeepsValidEscapes() {
    EchoServer.Received got = forwarded(HttpApiEvents.get("/a b/%zz/%41").rawQuery("q=\u00e9|"));

    assertEquals("/a%20b/%25zz/%41", got.rawPath());
    assertEquals("q=%C3%A9%7C", got.rawQuery());
  }
}
