package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import io.restassured.http.Header;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Assertions the contract states for many responses. Failure messages name statuses, codes and
 * header names, never a body, a document's text or a token.
 */
public final class Expect {
  /**
   * Headers that differ on every response by nature: the gateway's ids, the clock, and the request
   * ids API Gateway adds in the cloud (and its emulation).
   */
  private static final Set<String> PER_REQUEST =
      Set.of(
          "x-request-id",
          "x-trace-id",
          "date",
          "apigw-requestid",
          "x-amzn-requestid",
          "x-amz-apigw-id",
          "x-amzn-trace-id");

  private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern PRODUCT =
      Pattern.compile("(?i)[0-9]|helidon|java|jetty|netty|tomcat|nginx|apache");

  private Expect() {}

  /**
   * Runs {@code check} on every input and reports each failing input by its label, all of them: a
   * failure on the first input never hides a defect in a later one. For inputs a test computes at
   * run time; fixed inputs are a {@code @ParameterizedTest}.
   *
   * <pre>{@code
   * Expect.each(List.of("/", "/nope"), path -> path, path ->
   *     Expect.error(api.anonymous().get(path), 404, "not_found"));
   * }</pre>
   */
  public static <T> void each(
      Iterable<T> inputs, Function<? super T, String> label, ThrowingConsumer<? super T> check) {
    List<Executable> checks = new ArrayList<>();
    for (T input : inputs) {
      checks.add(
          () -> {
            try {
              check.accept(input);
            } catch (Throwable failure) {
              throw new AssertionError(label.apply(input) + ": " + failure.getMessage(), failure);
            }
          });
    }
    assertAll(checks);
  }

  /** {@link #each} over named checks: each runs, each failure is reported under its name. */
  public static void each(Map<String, Executable> checks) {
    each(checks.entrySet(), Map.Entry::getKey, c -> c.getValue().execute());
  }

  /** An error in the envelope: status, code, message, request id, and the common headers. */
  public static void error(Response response, int status, String code) {
    error(status, code, response.statusCode(), response::header, response.asByteArray());
  }

  /** The same for a response read off the socket. */
  public static void error(RawResponse response, int status, String code) {
    error(status, code, response.status(), n -> response.header(n).orElse(null), response.body());
  }

  private static void error(
      int status, String code, int actualStatus, Function<String, String> header, byte[] body) {
    assertEquals(status, actualStatus, "status");
    String contentType = header.apply("Content-Type");
    assertTrue(
        contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json"),
        "an error is JSON (Content-Type " + contentType + ")");
    JsonNode envelope = Json.tree(body);
    assertEquals(code, envelope.path("error").path("code").asText(), "error.code");
    assertFalse(envelope.path("error").path("message").asText().isBlank(), "error.message is set");
    String requestId = header.apply("X-Request-Id");
    assertEquals(requestId, envelope.path("request_id").asText(), "request_id is X-Request-Id");
    commonHeaders(header);
  }

  /** What every response carries: no-store, a UUID request id, a trace id, no product banner. */
  public static void commonHeaders(Response response) {
    commonHeaders(response::header);
  }

  public static void commonHeaders(RawResponse response) {
    commonHeaders(n -> response.header(n).orElse(null));
  }

  private static void commonHeaders(Function<String, String> header) {
    assertEquals("no-store", header.apply("Cache-Control"), "Cache-Control");
    String requestId = header.apply("X-Request-Id");
    assertTrue(requestId != null && isUuid(requestId), "X-Request-Id is a UUID");
    String traceId = header.apply("X-Trace-Id");
    assertTrue(traceId != null && TRACE_ID.matcher(traceId).matches(), "X-Trace-Id is well formed");
    String server = header.apply("Server");
    assertTrue(
        server == null || !PRODUCT.matcher(server).find(),
        "no Server header that names a product or version");
  }

  public static boolean isUuid(String value) {
    try {
      return UUID.fromString(value).toString().equals(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Neither body nor any header value contains {@code planted} (a message never echoes input). */
  public static void noEcho(Response response, String planted) {
    assertFalse(response.asString().contains(planted), "the response body does not echo the input");
    for (Header h : response.headers()) {
      assertFalse(
          h.getValue().contains(planted), "header " + h.getName() + " does not echo the input");
    }
  }

  public static void noEcho(RawResponse response, String planted) {
    assertFalse(
        new String(response.body(), StandardCharsets.UTF_8).contains(planted),
        "the response body does not echo the input");
    response
        .headers()
        .forEach(
            (name, values) ->
                values.forEach(
                    v ->
                        assertFalse(
                            v.contains(planted), "header " + name + " does not echo the input")));
  }

  /**
   * Two 404s are the same answer: status, headers and body identical apart from the request id (and
   * the trace id and Date, which follow the request and the clock).
   */
  public static void sameNotFound(Response expected, Response actual, String what) {
    assertEquals(404, expected.statusCode(), "the reference answer is a 404");
    assertEquals(404, actual.statusCode(), what + ": status");
    assertEquals(headersOf(expected), headersOf(actual), what + ": headers apart from ids");
    assertTrue(
        bodyWithoutRequestId(expected).equals(bodyWithoutRequestId(actual)),
        what + ": body apart from request_id");
  }

  private static Map<String, List<String>> headersOf(Response response) {
    Map<String, List<String>> headers = new TreeMap<>();
    for (Header h : response.headers()) {
      String name = h.getName().toLowerCase(Locale.ROOT);
      if (!PER_REQUEST.contains(name)) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(h.getValue());
      }
    }
    return headers;
  }

  private static String bodyWithoutRequestId(Response response) {
    JsonNode tree = Json.tree(response.asByteArray());
    if (tree.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("request_id");
    }
    return tree.toString();
  }
}
