package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawHttp;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/1.1 framing from a hostile client, over raw sockets: bodies the handler never reads,
 * pipelined requests after {@code Connection: close}, malformed framing and headers (each a {@code
 * 400}, never a {@code 500}), method case, and strict UTF-8 bodies. A chunked body over the limit
 * is the contract suite's ({@code HttpLayerAcceptanceTest}).
 */
class HttpFramingAcceptanceTest {
  private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);
  private static final String INTERN_A = "X-User: demo\r\nX-Tenant: tenant-a\r\nX-Role: intern\r\n";
  private static final String ADMIN_A = "X-User: ops\r\nX-Tenant: tenant-a\r\nX-Role: admin\r\n";

  /** A complete request that reads another tenant's admin identity: it must never be answered. */
  private static final String SMUGGLED =
      "GET /whoami HTTP/1.1\r\nHost: x\r\n"
          + "X-User: evil\r\nX-Tenant: tenant-b\r\nX-Role: admin\r\n\r\n";

  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(RunningGateway.builder().unthrottled()).withLogs();

  /** Sends {@code request} at once and reads until the server closes (or the deadline passes). */
  private static RawHttp.Connection exchange(String request) {
    RawHttp.Connection connection = GATEWAY.raw().open();
    connection.send(request);
    connection.closedWithin(CLOSE_DEADLINE);
    return connection;
  }

  private static String head(String method, String path, String headers) {
    return method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
  }

  @Nested
  class UnreadBodies {
    static Stream<Arguments> answeredWithoutReadingTheBody() {
      String json = "Content-Type: application/json\r\n";
      return Stream.of(
          Arguments.of("GET /health", "GET", "/health", "", 200),
          Arguments.of("401 no identity", "POST", "/query", json, 401),
          Arguments.of("403 not a writer", "POST", "/documents", INTERN_A + json, 403),
          Arguments.of("404 unknown path", "POST", "/nope", INTERN_A + json, 404),
          Arguments.of("405 wrong method", "POST", "/whoami", INTERN_A + json, 405),
          Arguments.of(
              "415 not json", "POST", "/query", INTERN_A + "Content-Type: text/plain\r\n", 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answeredWithoutReadingTheBody")
    void neverParseAnExpectContinueBodyAsTheNextRequest(
        String name, String method, String path, String headers, int status) {
      String request =
          head(
              method,
              path,
              headers + "Expect: 100-continue\r\nContent-Length: " + SMUGGLED.length() + "\r\n");

      RawHttp.Connection connection = exchange(request + SMUGGLED);

      assertAll(
          name,
          () -> assertEquals(List.of(status), connection.statuses(), "one response only"),
          () ->
              assertFalse(
                  new String(connection.received(), StandardCharsets.ISO_8859_1)
                      .contains("tenant-b"),
                  "the body was answered as a request"),
          () -> assertTrue(connection.closedWithin(Duration.ZERO), "connection closed"));
    }

    @ParameterizedTest(name = "expect-continue: {0}")
    @ValueSource(booleans = {false, true})
    void neverParseChunkedBytesAfterARejectedRequestAsTheNextRequest(boolean expectContinue) {
      String request =
          head(
                  "POST",
                  "/query",
                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                      + (expectContinue ? "Expect: 100-continue\r\n" : ""))
              + Integer.toHexString(SMUGGLED.length())
              + "\r\n"
              + SMUGGLED
              + "\r\n0\r\n\r\n";

      RawHttp.Connection connection = exchange(request + SMUGGLED);

      assertEquals(List.of(401), connection.statuses());
    }
  }

  @Nested
  class ConnectionClose {
    @Test
    void processesNoRequestPipelinedAfterConnectionClose() {
      String first = head("GET", "/health", "Connection: close\r\n");
      String second = head("GET", "/whoami", INTERN_A);

      RawHttp.Connection connection = exchange(first + second);

      assertEquals(List.of(200), connection.statuses());
      assertTrue(connection.closedWithin(Duration.ZERO), "connection closed");
    }

    @Test
    void keepsTheConnectionOpenWithoutConnectionClose() {
      String first = head("GET", "/health", "");
      String second = head("GET", "/whoami", INTERN_A + "Connection: close\r\n");

      RawHttp.Connection connection = exchange(first + second);

      assertEquals(List.of(200, 200), connection.statuses());
    }
  }

  @Nested
  class MalformedInputIsBadRequest {
    static Stream<Arguments> malformedRequests() {
      String query = "{\"query\":\"revenue\"}";
      String chunkedHead =
          head(
              "POST",
              "/query",
              INTERN_A + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
      return Stream.of(
          Arguments.of(
              "Accept: text on /openapi",
              head("GET", "/openapi", "Accept: text\r\nConnection: close\r\n")),
          Arguments.of("Content-Type application/json;", post("application/json;", query)),
          Arguments.of(
              "Content-Type with a bare charset", post("application/json; charset", query)),
          Arguments.of("chunk size not hex", chunkedHead + "zz\r\n" + query + "\r\n0\r\n\r\n"),
          Arguments.of(
              "chunk size over 32 bits",
              chunkedHead + "ffffffffffffffffff\r\n" + query + "\r\n0\r\n\r\n"),
          Arguments.of("chunk size with a sign", chunkedHead + "+13\r\n" + query + "\r\n0\r\n\r\n"),
          Arguments.of("chunk lines ending in LF alone", chunkedHead + "13\n" + query + "\n0\n\n"),
          Arguments.of(
              "malformed chunk extension", chunkedHead + "13;\r\n" + query + "\r\n0\r\n\r\n"),
          Arguments.of(
              "chunk line over 4 KiB",
              chunkedHead + "13;" + "e".repeat(5000) + "\r\n" + query + "\r\n0\r\n\r\n"),
          Arguments.of(
              "Transfer-Encoding: gzip, chunked",
              head(
                      "POST",
                      "/query",
                      INTERN_A
                          + "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n")
                  + "13\r\n"
                  + query
                  + "\r\n0\r\n\r\n"),
          Arguments.of("control character in the method", head("G\u0001T", "/health", "")),
          Arguments.of("method in lower case", head("get", "/health", "")),
          Arguments.of("a request line of HTTP/1.0", "GET /health HTTP/1.0\r\n\r\n"));
    }

    private static String post(String contentType, String body) {
      return head(
              "POST",
              "/query",
              INTERN_A
                  + "Content-Type: "
                  + contentType
                  + "\r\nContent-Length: "
                  + body.length()
                  + "\r\n")
          + body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void answersBadRequestWithARequestEventAndNoErrorEvent(String name, String request) {
      RawHttp.Connection connection = exchange(request);

      RawResponse response = connection.firstResponse();
      String requestId = response.header("x-request-id").orElseThrow();
      JsonNode event = GATEWAY.logs().awaitEvent("request", requestId);
      assertAll(
          name,
          () -> assertEquals(400, response.status(), "status"),
          () -> assertEquals("bad_request", response.errorCode(), "error code"),
          () -> assertEquals(400, event.path("status").asInt(), "logged status"),
          () -> assertEquals(List.of(), GATEWAY.logs().events("error", requestId), "error events"));
    }

    @ParameterizedTest(name = "chunk line {0}")
    @ValueSource(strings = {"13;ext", "13;ext=1", "13 ; a=b;c=\"q v\"", "0013"})
    void acceptsChunkExtensions(String sizeLine) {
      RawHttp.Connection connection = exchange(chunkedQuery(sizeLine, "{\"query\":\"revenue\"}"));

      assertEquals(List.of(200), connection.statuses());
    }

    /** A chunked POST /query of one chunk, then the last chunk, on a connection to be closed. */
    private static String chunkedQuery(String sizeLine, String chunk) {
      return head(
              "POST",
              "/query",
              INTERN_A
                  + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n")
          + sizeLine
          + "\r\n"
          + chunk
          + "\r\n0\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 50", "Transfer-Encoding: chunked"})
    void logsAClientThatClosesAfterTheHeadersAsBadRequestNotAServerError(String framing) {
      String trace = "abort-" + UUID.randomUUID();
      String request =
          head(
              "POST",
              "/query",
              INTERN_A
                  + "Content-Type: application/json\r\nX-Trace-Id: "
                  + trace
                  + "\r\n"
                  + framing
                  + "\r\n");

      try (RawHttp.Connection connection = GATEWAY.raw().open()) {
        connection.send(request);
      }

      JsonNode event = GATEWAY.logs().awaitEventWhere("request", "trace_id", trace);
      assertEquals(400, event.path("status").asInt());
      assertEquals(List.of(), GATEWAY.logs().events("error", event.path("request_id").asText()));
    }
  }

  @Nested
  class Methods {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"delete", "Delete", "dELETE"})
    void treatsAMethodNotInUpperCaseAsUnknownAndDeletesNothing(String method) {
      String docId = "m-" + UUID.randomUUID();
      Map<String, String> admin = identity("ops", "tenant-a", "admin");
      GATEWAY.http().postJson("/documents", admin, Json.document(docId, "t", "b", "public"));

      RawHttp.Connection connection = exchange(head(method, "/documents/" + docId, ADMIN_A));

      assertEquals(List.of(400), connection.statuses());
      assertEquals(200, GATEWAY.http().get("/documents/" + docId, admin).status(), "still there");
    }

    @Test
    void logsTheMethodOfARequestLineThatIsTooLong() {
      RawHttp.Connection connection = exchange(head("GET", "/health?" + "a".repeat(8300), ""));

      RawResponse response = connection.firstResponse();
      assertEquals(414, response.status());
      JsonNode event =
          GATEWAY.logs().awaitEvent("request", response.header("x-request-id").orElseThrow());
      assertEquals("GET", event.path("method").asText());
    }
  }

  @Nested
  class Utf8Bodies {
    static Stream<Arguments> bodiesThatAreNotUtf8() {
      String doc = "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}";
      return Stream.of(
          Arguments.of(
              "overlong dot-dot as doc_id",
              bytes(
                  "{\"doc_id\":\"",
                  new byte[] {(byte) 0xc0, (byte) 0xae, (byte) 0xc0, (byte) 0xae},
                  "\",\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}")),
          Arguments.of(
              "overlong NUL in the title",
              bytes(
                  "{\"title\":\"t",
                  new byte[] {(byte) 0xc0, (byte) 0x80},
                  "\",\"body\":\"b\",\"classification\":\"public\"}")),
          Arguments.of("UTF-16LE", doc.getBytes(StandardCharsets.UTF_16LE)),
          Arguments.of("UTF-16 with its BOM", doc.getBytes(StandardCharsets.UTF_16)),
          Arguments.of("UTF-32BE", doc.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
          Arguments.of(
              "UTF-8 with a BOM",
              bytes("", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, doc)));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(middle);
      out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatAreNotUtf8")
    void rejectsABodyThatIsNotStrictUtf8WithBadRequest(String name, byte[] body) {
      Map<String, String> admin = identity("ops", "tenant-a", "admin");
      for (String contentType : List.of("application/json", "application/json; charset=utf-8")) {
        RawResponse response =
            GATEWAY
                .http()
                .send("POST", "/documents", Http.with(admin, "Content-Type", contentType), body);

        assertAll(
            name + " as " + contentType,
            () -> assertEquals(400, response.status(), "status"),
            () -> assertEquals("bad_request", response.errorCode(), "error code"));
      }
    }
  }
}
