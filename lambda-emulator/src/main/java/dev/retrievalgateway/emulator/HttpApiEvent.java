package dev.retrievalgateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the event API Gateway's HTTP API sends a Lambda integration, payload format
 * 2.0
 * (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * route key {@code $default}, lower-case header names with repeated headers joined by commas,
 * cookies split out of the {@code Cookie} header, the raw path and query string, and the body as
 * text when it is textual UTF-8, otherwise base64.
 */
final class HttpApiEvent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvent() {}

  /** The event for a request the front received. */
  static byte[] from(ServerRequest req, String requestId, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header header : req.headers()) {
      headers
          .computeIfAbsent(header.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .addAll(header.allValues());
    }
    return of(
        new Request(
            req.prologue().method().text(),
            req.prologue().uriPath().rawPath(),
            req.prologue().query().rawValue(),
            headers,
            body,
            req.authority(),
            sourceIp(req)),
        requestId);
  }

  /**
   * A request as API Gateway receives it.
   *
   * @param headers lower-case names, each with its values in the order they came, the {@code
   *     cookie} header among them
   * @param body the bytes, or null for none
   */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      String domainName,
      String sourceIp) {}

  static byte[] of(Request request, String requestId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", request.rawPath());
    event.put("rawQueryString", request.rawQuery());

    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    List<String> cookies = new ArrayList<>();
    for (String line : headers.getOrDefault("cookie", List.of())) {
      for (String cookie : line.split(";")) {
        if (!cookie.isBlank()) {
          cookies.add(cookie.strip());
        }
      }
    }
    headers.remove("cookie");
    if (!cookies.isEmpty()) {
      ArrayNode list = event.putArray("cookies");
      cookies.forEach(list::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach((name, values) -> headerNode.put(name, String.join(",", values)));
    Map<String, String> parameters = queryParameters(request.rawQuery());
    if (!parameters.isEmpty()) {
      ObjectNode params = event.putObject("queryStringParameters");
      parameters.forEach(params::put);
    }

    long now = System.currentTimeMillis();
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", FunctionConfig.ACCOUNT);
    context.put("apiId", "local");
    context.put("domainName", request.domainName());
    context.put("domainPrefix", "local");
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.rawPath());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", String.join(",", headers.getOrDefault("user-agent", List.of())));
    context.put("requestId", requestId);
    context.put("routeKey", "$default");
    context.put("stage", "$default");
    context.put("time", TIME.format(Instant.ofEpochMilli(now)));
    context.put("timeEpoch", now);

    byte[] body = request.body();
    if (body != null && body.length > 0) {
      String contentType = headers.getOrDefault("content-type", List.of("")).get(0);
      String text = isTextual(contentType) ? utf8(body) : null;
      event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", text == null);
    } else {
      event.put("isBase64Encoded", false);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sourceIp(ServerRequest req) {
    if (req.remotePeer().address() instanceof InetSocketAddress socket
        && socket.getAddress() != null) {
      return socket.getAddress().getHostAddress();
    }
    return "127.0.0.1";
  }

  /** Query parameters as API Gateway decodes them: repeated names joined by commas. */
  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape: passed on as it came
    }
  }

  static boolean isTextual(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/yaml")
        || type.equals("application/x-www-form-urlencoded");
  }

  /** The bytes as text, or null when they are not valid UTF-8. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
