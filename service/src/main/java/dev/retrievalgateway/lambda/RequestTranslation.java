package dev.retrievalgateway.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retrievalgateway.http.GatewayRouting;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An API Gateway HTTP API event (payload 2.0) as the HTTP request the client sent: method, raw path
 * and raw query string, headers (API Gateway has already joined repeated ones with commas, so the
 * gateway sees one line, as a repeated identity header must be rejected either way), cookies as one
 * {@code Cookie} header, and the body, base64-decoded when the event says so. Then the adapter's
 * own headers (AWS Lambda Web Adapter's {@code x-amzn-request-context} and {@code
 * x-amzn-lambda-context}), after every copy a client sent has been removed.
 */
final class RequestTranslation {
  /** Connection-level headers, and those the HTTP client computes itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "content-length",
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "cookie");

  private static final Set<String> ADAPTER_HEADERS =
      Set.of(
          GatewayRouting.ADAPTER_REQUEST_CONTEXT.toLowerCase(Locale.ROOT),
          GatewayRouting.ADAPTER_LAMBDA_CONTEXT.toLowerCase(Locale.ROOT));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bodies larger than this are sent with {@code Expect: 100-continue}. */
  static final int EXPECT_CONTINUE_ABOVE = 64 * 1024;

  private RequestTranslation() {}

  static HttpRequest toRequest(URI base, APIGatewayV2HTTPEvent event, String awsRequestId) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
    String method = http != null && http.getMethod() != null ? http.getMethod() : "GET";
    String path = event.getRawPath() != null ? event.getRawPath() : "/";
    byte[] body = body(event);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target(base, path, event.getRawQueryString()))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null && body.length > EXPECT_CONTINUE_ABOVE) {
      // The gateway refuses a body over its limit from the declared length and closes the
      // connection; asking first means the client reads that answer instead of failing to write.
      request.expectContinue(true);
    }
    Map<String, String> headers = event.getHeaders();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (value != null
                && !NOT_FORWARDED.contains(lower)
                && !ADAPTER_HEADERS.contains(lower)) {
              header(request, name, value);
            }
          });
    }
    List<String> cookies = event.getCookies();
    if (cookies != null && !cookies.isEmpty()) {
      header(request, "Cookie", String.join("; ", cookies));
    }
    header(request, GatewayRouting.ADAPTER_REQUEST_CONTEXT, requestContext(context, http));
    ObjectNode lambdaContext = JSON.createObjectNode();
    if (awsRequestId != null) {
      lambdaContext.put("request_id", awsRequestId);
    }
    header(request, GatewayRouting.ADAPTER_LAMBDA_CONTEXT, lambdaContext.toString());
    return request.build();
  }

  /**
   * API Gateway's request context as AWS Lambda Web Adapter forwards it: the event's own field
   * names, as JSON on one line. Only what the gateway reads (and its neighbours that identify the
   * request) is written; absent fields are left out.
   */
  private static String requestContext(
      APIGatewayV2HTTPEvent.RequestContext context,
      APIGatewayV2HTTPEvent.RequestContext.Http http) {
    ObjectNode json = JSON.createObjectNode();
    if (context != null) {
      putIfPresent(json, "requestId", context.getRequestId());
      putIfPresent(json, "apiId", context.getApiId());
      putIfPresent(json, "stage", context.getStage());
    }
    if (http != null) {
      ObjectNode httpJson = json.putObject("http");
      putIfPresent(httpJson, "method", http.getMethod());
      putIfPresent(httpJson, "path", http.getPath());
      putIfPresent(httpJson, "sourceIp", http.getSourceIp());
    }
    return json.toString();
  }

  private static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  /** The body's bytes, or null when the event has none. */
  private static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return null;
    }
    return event.getIsBase64Encoded()
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The gateway's URL for this raw path and query. Characters a URI may not hold are
   * percent-encoded (as UTF-8), and a {@code %} that starts no valid escape is encoded too, so that
   * the gateway, not the adapter, decides what an odd path means.
   */
  static URI target(URI base, String rawPath, String rawQuery) {
    String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
    StringBuilder target = new StringBuilder(base.toString()).append(escape(path, "/:@"));
    if (rawQuery != null && !rawQuery.isEmpty()) {
      target.append('?').append(escape(rawQuery, "/:@?"));
    }
    return URI.create(target.toString());
  }

  private static String escape(String raw, String alsoAllowed) {
    StringBuilder out = new StringBuilder(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean allowed =
          b < 0x80
              && (Character.isLetterOrDigit(b)
                  || "-._~!$&'()*+,;=".indexOf(b) >= 0
                  || alsoAllowed.indexOf(b) >= 0);
      if (allowed) {
        out.append((char) b);
      } else if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.append('%');
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b));
      }
    }
    return out.toString();
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  /**
   * Adds one header. The JDK's HTTP client sends header values as ASCII only: any other character
   * becomes {@code ?}, which no identity, trace id or token may contain, so such a value is still
   * rejected by the gateway, never repaired into a valid one. A name the client refuses (not an
   * HTTP token) is dropped: no header the gateway reads has such a name.
   */
  private static void header(HttpRequest.Builder request, String name, String value) {
    StringBuilder ascii = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      ascii.append(c == '\t' || (c >= 0x20 && c < 0x7f) ? c : '?');
    }
    try {
      request.header(name, ascii.toString());
    } catch (IllegalArgumentException e) {
      // not a valid header name: dropped (see above)
    }
  }
}
