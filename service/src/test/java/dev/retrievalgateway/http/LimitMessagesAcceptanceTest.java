package dev.retrievalgateway.http;

import static dev.retrievalgateway.testsupport.Http.identity;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.testsupport.Http;
import dev.retrievalgateway.testsupport.RunningGateway;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each limit's message names the limit that is enforced: one past it is refused with a message
 * built from the same constant (the contract suite checks the status and code, not the words).
 */
class LimitMessagesAcceptanceTest {
  private static final Map<String, String> ADMIN_A = identity("ops", "tenant-a", "admin");

  private static RunningGateway gateway;
  private static Http http;

  @BeforeAll
  static void start() {
    gateway =
        RunningGateway.builder()
            .with("gateway.throttle.rate", "100000")
            .with("gateway.throttle.burst", "100000")
            .start();
    http = new Http(gateway.baseUri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static String document(String docId, String title, String body) {
    return "{\"doc_id\":\""
        + docId
        + "\",\"title\":\""
        + title
        + "\",\"body\":\""
        + body
        + "\",\"classification\":\"public\"}";
  }

  static Stream<Arguments> onePastEachLimit() {
    return Stream.of(
        Arguments.of(
            "/query",
            "{\"query\":\"" + "q".repeat(QueryService.MAX_QUERY + 1) + "\"}",
            "query must be a string of 1 to 1024 characters."),
        Arguments.of(
            "/query",
            "{\"query\":\"revenue\",\"top_k\":" + (QueryService.MAX_TOP_K + 1) + "}",
            "top_k must be an integer from 1 to 50."),
        Arguments.of(
            "/documents",
            document("d".repeat(DocumentService.MAX_DOC_ID + 1), "t", "b"),
            "doc_id must be 1 to 64 characters of [A-Za-z0-9._-], and neither . nor ..."),
        Arguments.of(
            "/documents",
            document("limit-title", "t".repeat(DocumentService.MAX_TITLE + 1), "b"),
            "title must be a string of 1 to 200 characters."),
        Arguments.of(
            "/documents",
            document("limit-body", "t", "b".repeat(DocumentService.MAX_BODY + 1)),
            "body must be a string of 1 to 100,000 characters."));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("onePastEachLimit")
  void refusesOnePastTheLimitNamingTheLimit(String path, String body, String message) {
    Http.Response response = http.postJson(path, ADMIN_A, body);

    assertAll(
        () -> assertEquals(400, response.status(), "status"),
        () -> assertEquals(message, response.json().path("error").path("message").asText()));
  }

  @Test
  void namesTheSizeLimitsInTheirUnits() {
    assertAll(
        () ->
            assertEquals(
                "The request body exceeds 1 MiB.", ErrorCode.PAYLOAD_TOO_LARGE.defaultMessage()),
        () ->
            assertEquals(
                "The request line exceeds 8 KiB.", ErrorCode.URI_TOO_LONG.defaultMessage()),
        () ->
            assertEquals(
                "The request headers exceed 16 KiB.",
                ErrorCode.HEADERS_TOO_LARGE.defaultMessage()));
  }
}
