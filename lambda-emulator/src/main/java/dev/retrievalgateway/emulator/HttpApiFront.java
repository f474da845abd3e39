package dev.retrievalgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * API Gateway's HTTP API in front of one function: every method and path ({@code $default} route)
 * becomes a payload 2.0 event, and the function's answer becomes the HTTP response, by API
 * Gateway's rules: a JSON object with {@code statusCode} is a response description (headers,
 * cookies, body, {@code isBase64Encoded}); any other valid JSON is a {@code 200} JSON body; a
 * failed invocation or a malformed answer is API Gateway's own {@code 500 {"message":"Internal
 * Server Error"}}.
 */
final class HttpApiFront {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] INTERNAL_ERROR =
      "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TOO_LARGE =
      "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);

  /** Headers the server writes itself. */
  private static final Set<String> NOT_COPIED =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

  private final LambdaFunction function;

  HttpApiFront(LambdaFunction function) {
    this.function = function;
  }

  void routing(HttpRouting.Builder routing) {
    routing.any(this::handle);
  }

  private void handle(ServerRequest req, ServerResponse res) {
    String requestId = requestId();
    byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : null;
    InvokeResult result = function.invoke(HttpApiEvent.from(req, requestId, body));
    res.header("apigw-requestid", requestId);
    if (result.functionError().isPresent()) {
      internalError(res);
      return;
    }
    try {
      respond(res, JSON.readTree(result.payload()), result.payload());
    } catch (IOException | RuntimeException e) {
      internalError(res);
    }
  }

  private static void respond(ServerResponse res, JsonNode answer, byte[] raw) {
    if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
      res.header(HeaderNames.CONTENT_TYPE, "application/json").send(raw);
      return;
    }
    // Everything is read before anything is written, so that a malformed answer is a clean 500.
    Status status = Status.create(answer.get("statusCode").asInt());
    JsonNode body = answer.get("body");
    byte[] bytes =
        body == null || body.isNull()
            ? new byte[0]
            : answer.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
    res.status(status);
    Iterator<Map.Entry<String, JsonNode>> headers = answer.path("headers").fields();
    while (headers.hasNext()) {
      Map.Entry<String, JsonNode> header = headers.next();
      if (!NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        res.header(header.getKey(), header.getValue().asText());
      }
    }
    for (JsonNode cookie : answer.path("cookies")) {
      res.headers().add(HeaderNames.SET_COOKIE, cookie.asText());
    }
    if (bytes.length == 0) {
      res.send();
    } else {
      res.send(bytes);
    }
  }

  private static void internalError(ServerResponse res) {
    res.status(Status.INTERNAL_SERVER_ERROR_500)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .send(INTERNAL_ERROR);
  }

  /**
   * Helidon's answers before routing, with API Gateway's own {@code 413} for a body over its 10 MB:
   * {@code {"message":"Request Entity Too Large"}}, JSON, with an {@code apigw-requestid}, as API
   * Gateway answers without invoking the function. Any other such answer is Helidon's default.
   */
  static DirectHandlers directHandlers() {
    DirectHandler fallback = DirectHandler.defaultHandler();
    DirectHandler handler =
        (request, type, status, headers, message) -> {
          if (status.code() != Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return fallback.handle(request, type, status, headers, message);
          }
          return DirectHandler.TransportResponse.builder()
              .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
              .headers(headers)
              .header(HeaderNames.CONTENT_TYPE, "application/json")
              .header(HeaderNames.create("apigw-requestid"), requestId())
              .entity(TOO_LARGE)
              .build();
        };
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  /** An id shaped like API Gateway's ({@code JKJaXmPLvHcESHA=}). */
  private static String requestId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).replace('/', 'x').replace('+', 'y');
  }
}
