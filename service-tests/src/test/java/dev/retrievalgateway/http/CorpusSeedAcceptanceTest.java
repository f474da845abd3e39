package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.corpus.seed=none}: a gateway that starts with no documents (the per-tenant quota
 * is the contract suite's, {@code LimitsAcceptanceTest}, against a target configured with a low
 * one).
 */
class CorpusSeedAcceptanceTest {
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
