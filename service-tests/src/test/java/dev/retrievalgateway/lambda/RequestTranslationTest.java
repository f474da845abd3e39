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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the gateway receives for a payload 2.0 event: the request the client sent, and no more. */
class RequestTranslationTest {
  @RegisterExtension final EchoServer echo = EchoServer.start();
  private final LoopbackForwarder forwarder = new LoopbackForwarder(echo.baseUri());

  @Test
  void forwardsMethodRawPathAndRawQueryStringUnchanged() {
    var event =
        HttpApiEvents.request("DELETE", "/documents/a%2Fb.c").rawQuery("q=a%20b&q=c&x").build();

    forwarder.forward(event, "req-1");

    EchoServer.Received got = echo.received();
    assertEquals("DELETE", got.method());
    assertEquals("/documents/a%2Fb.c", got.rawPath());
    assertEquals("q=a%20b&q=c&x", got.rawQuery());
  }

  @Test
  void forwardsCommaJoinedRepeatedHeaderAsOneLine() {
    var event = HttpApiEvents.get("/whoami").header("x-user", "alice,bob").build();

    forwarder.forward(event, "req-1");

    assertEquals(List.of("alice,bob"), echo.received().header("X-User"));
  }

  @Test
  void forwardsCookiesAsOneCookieHeader() {
    var event = HttpApiEvents.get("/whoami").cookie("a=1").cookie("b=2").build();

    forwarder.forward(event, "req-1");

    assertEquals(List.of("a=1; b=2"), echo.received().header("Cookie"));
  }

  @Test
  void decodesBase64BodyBeforeForwarding() {
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '{', '}'};
    var event =
        HttpApiEvents.request("POST", "/query")
            .header("content-type", "application/octet-stream")
            .base64Body(binary)
            .build();

    forwarder.forward(event, "req-1");

    assertArrayEquals(binary, echo.received().body());
    assertEquals(List.of("6"), echo.received().header("Content-Length"));
  }

  @Test
  void forwardsTextBodyAsUtf8() {
    var event =
        HttpApiEvents.request("POST", "/query")
            .header("content-type", "application/json")
            .body("{\"query\":\"caf\u00e9 \u20ac\"}")
            .build();

    forwarder.forward(event, "req-1");

    assertEquals(
        "{\"query\":\"caf\u00e9 \u20ac\"}",
        new String(echo.received().body(), StandardCharsets.UTF_8));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

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
    var event =
        HttpApiEvents.request("POST", "/query")
            .header("content-length", "999")
            .header("connection", "close")
            .body("{}")
            .build();

    forwarder.forward(event, "req-1");

    assertEquals(List.of("2"), echo.received().header("Content-Length"));
    assertTrue(echo.received().header("Connection").isEmpty());
  }

  @Test
  void replacesNonAsciiHeaderCharactersSoThatTheValueStaysInvalid() {
    var event = HttpApiEvents.get("/whoami").header("x-user", "jos\u00e9\u20ac").build();

    forwarder.forward(event, "req-1");

    assertEquals(List.of("jos??"), echo.received().header("X-User"));
  }

  @Test
  void percentEncodesWhatAUriCannotHoldAndKeepsValidEscapes() {
    var event = HttpApiEvents.get("/a b/%zz/%41").rawQuery("q=\u00e9|").build();

    forwarder.forward(event, "req-1");

    assertEquals("/a%20b/%25zz/%41", echo.received().rawPath());
    assertEquals("q=%C3%A9%7C", echo.received().rawQuery());
  }
}
