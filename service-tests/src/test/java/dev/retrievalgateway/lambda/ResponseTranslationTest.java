package dev.retrievalgateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.retrievalgateway.lambda.testsupport.EchoServer;
import dev.retrievalgateway.testkit.HttpApiEvents;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What API Gateway receives for the gateway's answer: status, headers, cookies and body. */
class ResponseTranslationTest {
  @RegisterExtension final EchoServer echo = EchoServer.start();
  private final LoopbackForwarder forwarder = new LoopbackForwarder(echo.baseUri());

  @Test
  void returnsStatusHeadersAndJsonBodyAsText() {
    echo.answer(404)
        .header("X-Request-Id", "r-1")
        .body("application/json", "{\"error\":{}}".getBytes(StandardCharsets.UTF_8));

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertEquals(404, response.getStatusCode());
    assertEquals("r-1", response.getHeaders().get("x-request-id"));
    assertEquals("application/json", response.getHeaders().get("content-type"));
    assertEquals("{\"error\":{}}", response.getBody());
    assertFalse(response.getIsBase64Encoded());
  }

  @Test
  void returnsSetCookieLinesAsCookies() {
    echo.answer(200).header("Set-Cookie", "a=1; Path=/").header("Set-Cookie", "b=2");

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertEquals(List.of("a=1; Path=/", "b=2"), response.getCookies());
    assertFalse(response.getHeaders().containsKey("set-cookie"));
  }

  @Test
  void joinsRepeatedResponseHeadersWithCommas() {
    echo.answer(405).header("Allow", "GET").header("Allow", "DELETE");

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertEquals("GET,DELETE", response.getHeaders().get("allow"));
  }

  @Test
  void returnsBinaryBodyAsBase64() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0};
    echo.answer(200).body("image/png", binary);

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertTrue(response.getIsBase64Encoded());
    assertArrayEquals(binary, Base64.getDecoder().decode(response.getBody()));
  }

  @Test
  void returnsInvalidUtf8UnderATextTypeAsBase64() {
    byte[] notUtf8 = {'{', (byte) 0xc3, '}'};
    echo.answer(200).body("application/json", notUtf8);

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertTrue(response.getIsBase64Encoded());
    assertArrayEquals(notUtf8, Base64.getDecoder().decode(response.getBody()));
  }

  @Test
  void returnsNoBodyAndNoLengthHeaderForNoContent() {
    echo.answer(204);

    APIGatewayV2HTTPResponse response = forwarder.forward(HttpApiEvents.get("/x").build(), "a");

    assertEquals(204, response.getStatusCode());
    assertNull(response.getBody());
    assertFalse(response.getHeaders().containsKey("content-length"));
  }
}
