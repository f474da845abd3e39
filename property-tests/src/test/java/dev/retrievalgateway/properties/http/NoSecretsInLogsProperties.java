package dev.retrievalgateway.properties.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.properties.http.testsupport.TenantNames;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Invariant 4 over HTTP: a random canary planted in a document's text, a query, a credential header
 * ({@code Authorization}, {@code Cookie}, {@code X-Api-Key}), a bearer token, an invalid trace id,
 * a URL query string, a field of a rejected body or a body that is not JSON never appears in
 * anything any logger of the process writes, nor in any response other than the caller's own
 * documents.
 */
@Tag("claim:no-secrets-in-logs")
class NoSecretsInLogsProperties {
  private static final int EXAMPLES = 200;

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty()).withLogs();

  /** Where the canary goes. */
  enum Placement {
    DOCUMENT_BODY,
    DOCUMENT_TITLE,
    QUERY_TEXT,
    AUTHORIZATION_BEARER,
    AUTHORIZATION_BASIC,
    AUTHORIZATION_OTHER_SCHEME,
    BEARER_JWT,
    COOKIE,
    X_API_KEY,
    INVALID_TRACE_ID,
    URL_QUERY_STRING,
    UNKNOWN_FIELD_NAME,
    INVALID_FIELD_VALUE,
    MALFORMED_JSON
  }

  /** The request a header canary rides on. */
  enum Carrier {
    WHOAMI,
    QUERY,
    READ,
    INGEST,
    UNKNOWN_PATH
  }

  record Planted(Placement where, Carrier carrier, boolean identified, String canary) {}

  private static Gen<Planted> planted() {
    return Generate.enumValues(Placement.class)
        .zip(
            Generate.enumValues(Carrier.class),
            Generate.booleans().mix(Generate.constant(true), 50),
            Generators.canaries(),
            Planted::new);
  }

  @Nested
  class Canaries {
    @Test
    void noCanaryReachesAnyLogOrAnotherCallersResponse() {
      PropertyCheck.httpLevel(Invariant.NO_SECRETS_IN_LOGS, EXAMPLES)
          .forAll(
              planted(),
              p -> {
                // Only this example's lines: a shrunk example can reuse a canary.
                int logged = GATEWAY.logs().text().length();
                TenantNames tenants = TenantNames.fresh();
                Map<String, String> caller = Http.identity("demo", tenants.of("a"), "admin");
                Map<String, String> other = Http.identity("demo", tenants.of("b"), "admin");

                List<RawResponse> mustNotEcho = new ArrayList<>();
                List<RawResponse> all = new ArrayList<>();
                RawResponse planting = plant(p, p.identified() ? caller : Map.of());
                all.add(planting);
                if (!isCallersOwnDocument(p)) {
                  mustNotEcho.add(planting);
                }
                // What another tenant sees afterwards: neither a result nor a read.
                RawResponse search =
                    GATEWAY.http().postJson("/query", other, query(p.canary() + " revenue"));
                RawResponse read = GATEWAY.http().get("/documents/canary-doc", other);
                mustNotEcho.add(search);
                mustNotEcho.add(read);
                all.add(search);
                all.add(read);

                for (RawResponse r : all) {
                  GATEWAY.logs().awaitEventLine("request", r.header("x-request-id").orElseThrow());
                }
                assertFalse(
                    GATEWAY.logs().text().substring(logged).contains(p.canary()),
                    "a log line holds the canary");
                for (RawResponse r : mustNotEcho) {
                  assertFalse(
                      r.text().contains(p.canary()),
                      "a " + r.status() + " response body holds the canary");
                  assertFalse(
                      r.headers().toString().contains(p.canary()),
                      "a " + r.status() + " response header holds the canary");
                }
              });
    }
  }

  /** The document placements, ingested by an identified caller: its own document. */
  private static boolean isCallersOwnDocument(Planted p) {
    return p.identified()
        && (p.where() == Placement.DOCUMENT_BODY || p.where() == Placement.DOCUMENT_TITLE);
  }

  private static RawResponse plant(Planted p, Map<String, String> identity) {
    String c = p.canary();
    return switch (p.where()) {
      case DOCUMENT_BODY ->
          GATEWAY.http().postJson("/documents", identity, document(c + " revenue", "Title"));
      case DOCUMENT_TITLE ->
          GATEWAY.http().postJson("/documents", identity, document("revenue", "Title " + c));
      case QUERY_TEXT -> GATEWAY.http().postJson("/query", identity, query("revenue " + c));
      case AUTHORIZATION_BEARER -> carry(p, identity, "Authorization", "Bearer " + c);
      case AUTHORIZATION_BASIC -> carry(p, identity, "Authorization", "Basic " + c);
      case AUTHORIZATION_OTHER_SCHEME -> carry(p, identity, "Authorization", "Token " + c);
      case BEARER_JWT -> carry(p, identity, "Authorization", "Bearer " + jwtShaped(c));
      case COOKIE -> carry(p, identity, "Cookie", "session=" + c + "; theme=dark");
      case X_API_KEY -> carry(p, identity, "X-Api-Key", c);
      case INVALID_TRACE_ID -> carry(p, identity, "X-Trace-Id", c + "/not valid");
      case URL_QUERY_STRING -> GATEWAY.http().get("/whoami?token=" + c + "&q=" + c, identity);
      case MALFORMED_JSON -> GATEWAY.http().postJson("/query", identity, "{\"query\":" + c + "}");
      case UNKNOWN_FIELD_NAME ->
          GATEWAY.http().postJson("/query", identity, "{\"query\":\"revenue\",\"" + c + "\":1}");
      case INVALID_FIELD_VALUE ->
          GATEWAY
              .http()
              .postJson(
                  "/documents",
                  identity,
                  "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"" + c + "\"}");
    };
  }

  /** A request of the planted carrier, with one extra header. */
  private static RawResponse carry(
      Planted p, Map<String, String> identity, String header, String value) {
    Map<String, String> headers = new LinkedHashMap<>(identity);
    headers.put(header, value);
    return switch (p.carrier()) {
      case WHOAMI -> GATEWAY.http().get("/whoami", headers);
      case QUERY -> GATEWAY.http().postJson("/query", headers, query("revenue"));
      case READ -> GATEWAY.http().get("/documents/canary-doc", headers);
      case INGEST -> GATEWAY.http().postJson("/documents", headers, document("revenue", "Title"));
      case UNKNOWN_PATH -> GATEWAY.http().get("/nowhere", headers);
    };
  }

  /** A compact JWS whose payload and signature carry the canary. */
  private static String jwtShaped(String canary) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(("{\"sub\":\"" + canary + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + canary;
  }

  private static String query(String text) {
    return Json.write(Map.of("query", text, "top_k", 5));
  }

  private static String document(String body, String title) {
    return Json.document("canary-doc", title, body, "internal");
  }

  /** The canaries in a caller's own documents come back to it, as they should. */
  @Test
  void theCallersOwnDocumentStillComesBackWithItsText() {
    TenantNames tenants = TenantNames.fresh();
    Map<String, String> caller = Http.identity("demo", tenants.of("a"), "admin");
    String canary = "cnryownsdocument0001";

    RawResponse created =
        GATEWAY.http().postJson("/documents", caller, document(canary + " revenue", "Title"));
    RawResponse read = GATEWAY.http().get("/documents/canary-doc", caller);

    assertEquals(201, created.status());
    assertTrue(read.text().contains(canary));
  }
}
