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
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What API Gateway receives for the gateway's answer: status, headers, cookies and body. */
class ResponseTranslationTest {
  @RegisterExtension final EchoServer echo = EchoServer.start();
  private final LoopbackForwarder forwarder = new LoopbackForwarder(echo.baseUri());

  /** What API Gateway receives for a GET of {@code /x} that the echo server answers. */
  private APIGatewayV2HTTPResponse forwardedAnswer() {
    return forwarder.forward(HttpApiEvents.get("/x").build(), "a");
  }

  @Test
  void returnsStatusHeadersAndJsonBodyAsText() {
    echo.answer(404)
        .header("X-Request-Id", "r-1")
        .body("application/json", "{\"error\":{}}".getBytes(StandardCharsets.UTF_8));

    APIGatewayV2HTTPResponse response = forwardedAnswer();

    assertEquals(404, response.getStatusCode());
    assertEquals("r-1", response.getHeaders().get("x-request-id"));
    assertEquals("application/json", response.getHeaders().get("content-type"));
    assertEquals("{\"error\":{}}", response.getBody());
    assertFalse(response.getIsBase64Encoded());
  }

  @Test
  void returnsSetCookieLinesAsCookies() {
    echo.answer(200).header("Set-Cookie", "a=1; Path=/").header("Set-Cookie", "b=2");

    APIGatewayV2HTTPResponse response = forwardedAnswer();

    assertEquals(List.of("a=1; Path=/", "b=2"), response.getCookies());
    assertFalse(response.getHeaders().containsKey("set-cookie"));
  }

  @Test
  void joinsRepeatedResponseHeadersWithCommas() {
    echo.answer(405).header("Allow", "GET").header("Allow", "DELETE");

    APIGatewayV2HTTPResponse response = forwardedAnswer();

    assertEquals("GET,DELETE", response.getHeaders().get("allow"));
  }

  /** A body API Gateway cannot take as text, and the content type it comes under. */
  static Stream<Arguments> bodiesReturnedAsBase64() {
    return Stream.of(
        Arguments.of(
            Named.of("a binary body", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0}), "image/png"),
        Arguments.of(
            Named.of("invalid UTF-8 under a text type", new byte[] {'{', (byte) 0xc3, '}'}),
            "application/json"));
  }

  @ParameterizedTest
  @MethodSource("bodiesReturnedAsBase64")
  void returnsTheBodyAsBase64(byte[] body, String contentType) {
    echo.answer(200).body(contentType, body);

    APIGatewayV2HTTPResponse response = forwardedAnswer();

    assertTrue(response.getIsBase64Encoded());
    assertArrayEquals(body, Base64.getDecoder().decode(response.getBody()));
  }

  @Test
  void returnsNoBodyAndNoLengthHeaderForNoContent() {
    echo.answer(204);

    APIGatewayV2HTTPResponse response = forwardedAnswer();

    assertEquals(204, response.getStatusCode());
    assertNull(response.getBody());
    assertFalse(response.getHeaders().containsKey("content-length"));
  }
}
