package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The per-tenant document quota, on an empty gateway holding at most two documents a tenant. */
@Tag("claim:limits")
class QuotaAcceptanceTest {

  @Test
  void refusesTheDocumentPastTheQuotaAndOnlyForThatTenant() {
    try (RunningGateway gateway =
        RunningGateway.builder()
            .with("gateway.corpus.seed", "none")
            .with("gateway.corpus.max.documents", "2")
            .start()) {
      Http http = new Http(gateway.baseUri());
      Map<String, String> adminA = identity("ops", "tenant-a", "admin");
      Map<String, String> adminB = identity("ops", "tenant-b", "admin");
      String doc = "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}";
      http.postJson("/documents", adminA, doc);
      http.postJson("/documents", adminA, doc);

      RawResponse third = http.postJson("/documents", adminA, doc);
      RawResponse otherTenant = http.postJson("/documents", adminB, doc);

      assertEquals(403, third.status());
      assertEquals("quota_exceeded", third.errorCode());
      assertEquals(201, otherTenant.status());
    }
  }

  @Test
  void seedNoneStartsEmpty() {
    try (RunningGateway gateway =
        RunningGateway.builder().with("gateway.corpus.seed", "none").start()) {
      Http http = new Http(gateway.baseUri());

      RawResponse r =
          http.postJson(
              "/query", identity("ops", "tenant-a", "admin"), "{\"query\":\"acme revenue\"}");

      assertEquals(0, r.json().path("count").asInt());
    }
  }
}
