package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static dev.retrievalgateway.testkit.Http.with;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.Envelope;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a remote client cannot see, against a real gateway on a free loopback port (header mode,
 * demo corpus, limits high enough that throttling stays out of the way): the log's events for a
 * request, the audit events of denials, the build version's form. The behaviour a client sees is
 * the contract suite's ({@code contract-tests}), run against this same gateway in-process; it is
 * not repeated here, nor is what never reaches a log, which {@code NoSecretsInLogsProperties}
 * checks with a canary in every place a secret can ride, on each store.
 */
@Tag("claim:target-in-process")
class GatewayAcceptanceTest {
  private static final Map<String, String> INTERN_A = identity("demo", "tenant-a", "intern");
  private static final Map<String, String> ANALYST_A = identity("demo", "tenant-a", "analyst");
  private static final Map<String, String> ADMIN_A = identity("ops", "tenant-a", "admin");
  private static final Map<String, String> ADMIN_B = identity("ops", "tenant-b", "admin");

  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(RunningGateway.builder().unthrottled()).withLogs();

  private static RawResponse ingest(
      Map<String, String> who, String id, String classification, String body) {
    return GATEWAY
        .http()
        .postJson("/documents", who, Json.document(id, "Title " + id, body, classification));
  }

  /** The build version: the contract says only that it holds the version and the commit. */
  @Nested
  @Tag("claim:endpoints")
  class Health {
    @Test
    void answersOkWithTheBuildVersionToAnyone() {
      RawResponse r = GATEWAY.http().get("/health", Map.of());

      assertEquals(200, r.status());
      assertEquals("ok", r.json().path("status").asText());
      assertTrue(r.json().path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*\\+.+"));
      assertEquals(2, r.json().size(), "nothing about tenants or documents");
    }
  }

  /** What the log records of a request's trace id. */
  @Nested
  class TraceIds {
    @Test
    void echoesAWellFormedTraceIdAndLogsIt() {
      RawResponse r =
          GATEWAY.http().get("/whoami", with(INTERN_A, "X-Trace-Id", "trace.ABC-123_x"));

      assertEquals("trace.ABC-123_x", r.header("x-trace-id").orElseThrow());
      String requestId = r.header("x-request-id").orElseThrow();
      JsonNode event = awaitEvent("request", requestId);
      assertEquals("trace.ABC-123_x", event.path("trace_id").asText());
    }
  }

  /** The audit events of denials. */
  @Nested
  class AccessDenied {
    @Test
    void logsAccessDeniedWithReasonUnauthenticated() {
      RawResponse r = GATEWAY.http().get("/whoami", Map.of("X-User", "demo"));

      JsonNode denied = awaitEvent("access_denied", r.header("x-request-id").orElseThrow());
      assertEquals("unauthenticated", denied.path("reason").asText());
      assertEquals("invalid_identity_headers", denied.path("detail").asText());
      assertEquals("/whoami", denied.path("route").asText());
    }

    @Test
    void logsAccessDeniedForClearanceButNotForOtherTenantOrMissing() {
      String restricted = "t-" + UUID.randomUUID();
      ingest(ADMIN_A, restricted, "restricted", "secret plan");
      String otherTenant = "t-" + UUID.randomUUID();
      ingest(ADMIN_B, otherTenant, "public", "x");

      RawResponse above = GATEWAY.http().get("/documents/" + restricted, INTERN_A);
      RawResponse other = GATEWAY.http().get("/documents/" + otherTenant, INTERN_A);

      JsonNode denied = awaitEvent("access_denied", above.header("x-request-id").orElseThrow());
      assertEquals("clearance", denied.path("reason").asText());
      assertEquals("/documents/{doc_id}", denied.path("route").asText());
      awaitEvent("request", other.header("x-request-id").orElseThrow());
      assertTrue(
          GATEWAY
              .logs()
              .events("access_denied", other.header("x-request-id").orElseThrow())
              .isEmpty());
    }

    @Test
    void nonWriterGetsForbiddenBeforeAnyBodyCheckAndIsAudited() {
      RawResponse r = GATEWAY.http().postJson("/documents", ANALYST_A, "not json");
      RawResponse d = GATEWAY.http().delete("/documents/does-not-exist", INTERN_A);

      Envelope.assertEnvelope(r, 403, "forbidden");
      Envelope.assertEnvelope(d, 403, "forbidden");
      JsonNode denied = awaitEvent("access_denied", r.header("x-request-id").orElseThrow());
      assertEquals("not_writer", denied.path("reason").asText());
    }
  }

  /** What reaches the log, and what never does. */
  @Nested
  @Tag("claim:no-secrets-in-logs")
  class Logs {
    @Test
    void writesExactlyOneRequestEventPerRequestWithTheRouteTemplate() {
      RawResponse r = GATEWAY.http().get("/documents/a-pub-001", INTERN_A);

      String requestId = r.header("x-request-id").orElseThrow();
      JsonNode event = awaitEvent("request", requestId);
      assertEquals(1, GATEWAY.logs().events("request", requestId).size());
      assertEquals("GET", event.path("method").asText());
      assertEquals("/documents/{doc_id}", event.path("route").asText());
      assertEquals(200, event.path("status").asInt());
      assertTrue(event.path("duration_ms").isIntegralNumber());
      assertEquals("demo", event.path("user").asText());
      assertEquals("tenant-a", event.path("tenant").asText());
      assertEquals("intern", event.path("role").asText());
      assertTrue(
          event.path("ts").isTextual()
              && event.path("level").isTextual()
              && event.path("logger").isTextual());
    }

    @Test
    void everyLogLineIsOneJsonObject() {
      GATEWAY.http().get("/health", Map.of());

      assertFalse(GATEWAY.logs().lines().isEmpty());
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static JsonNode awaitEvent(String event, String requestId) {
    return GATEWAY.logs().awaitEvent(event, requestId);
  }

  /**
   * Each limit's message names the limit that is enforced, built from the same constant: the
   * contract suite checks the status and code of these answers, not their words.
   */
  @Nested
  class LimitMessages {
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
              Json.document("d".repeat(DocumentService.MAX_DOC_ID + 1), "t", "b", "public"),
              "doc_id must be 1 to 64 characters of [A-Za-z0-9._-], and neither . nor ..."),
          Arguments.of(
              "/documents",
              Json.document(
                  "limit-title", "t".repeat(DocumentService.MAX_TITLE + 1), "b", "public"),
              "title must be a string of 1 to 200 characters."),
          Arguments.of(
              "/documents",
              Json.document("limit-body", "t", "b".repeat(DocumentService.MAX_BODY + 1), "public"),
              "body must be a string of 1 to 100,000 characters."));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("onePastEachLimit")
    void refusesOnePastTheLimitNamingTheLimit(String path, String body, String message) {
      RawResponse response = GATEWAY.http().postJson(path, ADMIN_A, body);

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
}
