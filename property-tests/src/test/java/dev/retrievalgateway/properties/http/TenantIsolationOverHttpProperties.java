package dev.retrievalgateway.properties.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.properties.http.testsupport.HttpCorpus;
import dev.retrievalgateway.properties.http.testsupport.HttpOperations;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Clearance;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.Operations;
import dev.retrievalgateway.testkit.properties.Scenario;
import dev.retrievalgateway.testkit.properties.SearchInvariants;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariants 1 and 2 over HTTP: every result, every readable document and every deletable one
 * belongs to the principal's tenant and is at or below its clearance; a missing document, another
 * tenant's and one above the clearance get the identical {@code 404}; no write reaches another
 * tenant.
 */
@Tag("claim:tenant-isolation")
@Tag("claim:clearance")
class TenantIsolationOverHttpProperties {
  private static final int EXAMPLES = 100;

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty());

  @Nested
  class Search {
    @Test
    void noResultComesFromAnotherTenantOrFromAboveTheClearance() {
      checkOnEveryScenario(
          (s, api) -> {
            SearchInvariants.noHitComesFromAnotherTenant(s, api);
            SearchInvariants.noHitIsAboveTheClearance(s, api);
          });
    }
  }

  @Nested
  class Documents {
    @Test
    void noReadReachesAnotherTenantOrAboveTheClearanceAndEveryDenialIsTheSame404() {
      checkOnEveryScenario(
          (s, api) -> {
            String missing = notFoundShape(api, s, "missing-id");

            SearchInvariants.everyReadIsTheOwnDocumentAtOrBelowTheClearance(s, api);
            for (Corpus.Entry e : s.corpus().entries()) {
              boolean readable =
                  s.corpus()
                      .get(s.tenant(), e.docId())
                      .filter(d -> Clearance.permits(s.clearance(), d.classification()))
                      .isPresent();
              if (!readable) {
                RawResponse r =
                    GATEWAY.http().get("/documents/" + e.docId(), api.identity(s.principal()));
                assertEquals(missing, shape(r), "the 404 for " + e);
              }
            }
          });
    }

    @Test
    void noDeleteReachesAnotherTenantOrAboveTheClearance() {
      checkOnEveryScenario(
          (s, api) -> {
            Set<String> gone = new HashSet<>();
            for (Corpus.Entry e : s.corpus().entries()) {
              Operations.WriteOutcome outcome = api.delete(s.principal(), e.docId());

              boolean own =
                  !gone.contains(e.docId())
                      && s.corpus()
                          .get(s.tenant(), e.docId())
                          .filter(d -> Clearance.permits(s.clearance(), d.classification()))
                          .isPresent();
              assertEquals(expected(s, own), outcome, "delete of " + e);
              if (outcome == Operations.WriteOutcome.DELETED) {
                gone.add(e.docId());
              }
            }

            for (Corpus.Entry e : s.corpus().entries()) {
              if (!e.tenant().equals(s.tenant())) {
                assertEquals(
                    Optional.of(e.document()),
                    api.get(HttpCorpus.adminOf(e.tenant()), e.docId()),
                    "another tenant's " + e);
              }
            }
          });
    }

    private Operations.WriteOutcome expected(Scenario s, boolean own) {
      if (!s.principal().role().writer()) {
        return Operations.WriteOutcome.FORBIDDEN;
      }
      return own ? Operations.WriteOutcome.DELETED : Operations.WriteOutcome.NOT_FOUND;
    }
  }

  /** The property of invariant 1 over every scenario, loaded into fresh tenants of the gateway. */
  private static void checkOnEveryScenario(BiConsumer<Scenario, HttpOperations> property) {
    HttpCorpus.checkOnEveryScenario(Invariant.TENANT_ISOLATION, EXAMPLES, GATEWAY, property);
  }

  /** The 404 for a document of no tenant: status, headers and body apart from the ids. */
  static String notFoundShape(HttpOperations api, Scenario s, String docId) {
    return shape(GATEWAY.http().get("/documents/" + docId, api.identity(s.principal())));
  }

  /** Status, header names, content type and body of a response, without its request id. */
  static String shape(RawResponse r) {
    var json = Json.tree(r.body());
    String requestId = json.path("request_id").asText();
    return r.status()
        + " "
        + new java.util.TreeSet<>(r.headers().keySet())
        + " "
        + r.header("content-type").orElse("")
        + " "
        + r.text().replace(requestId, "<request_id>");
  }
}
