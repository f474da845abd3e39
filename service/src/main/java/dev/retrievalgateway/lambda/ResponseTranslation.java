package dev.retrievalgateway.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.retrievalgateway.http.StrictUtf8;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's HTTP answer as an API Gateway payload 2.0 response: status, headers (repeated ones
 * joined with commas), {@code Set-Cookie} lines as {@code cookies}, and the body as text when it is
 * textual UTF-8, otherwise base64 with {@code isBase64Encoded}.
 */
final class ResponseTranslation {
  /** Connection-level headers: API Gateway writes its own. */
  private static final Set<String> NOT_RETURNED =
      Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie");

  private ResponseTranslation() {}

  static APIGatewayV2HTTPResponse toEvent(HttpResponse<byte[]> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(",", values));
              }
            });
    List<String> cookies = new ArrayList<>(response.headers().allValues("set-cookie"));
    APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder event =
        APIGatewayV2HTTPResponse.builder()
            .withStatusCode(response.statusCode())
            .withHeaders(headers)
            .withIsBase64Encoded(false);
    if (!cookies.isEmpty()) {
      event.withCookies(cookies);
    }
    byte[] body = response.body();
    if (body != null && body.length > 0) {
      String contentType = response.headers().firstValue("content-type").orElse("");
      String text = isTextual(contentType) ? StrictUtf8.decode(body).orElse(null) : null;
      if (text != null) {
        event.withBody(text);
      } else {
        event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
      }
    }
    return event.build();
  }

  static boolean isTextual(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/yaml")
        || type.equals("application/x-yaml")
        || type.equals("application/xml")
        || type.endsWith("+xml");
  }
}
