package dev.retrievalgateway.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.opensearchnode.OpenSearchNode;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.OpenSearchIndices;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway on OpenSearch whose cluster fails, through a proxy in front of a real node: every route
 * that needs the store answers {@code 503 unavailable} in the envelope, with {@code Retry-After},
 * and writes a {@code store_unavailable} event with a category only; routes that do not need it go
 * on; and it recovers as soon as the cluster does, without a restart.
 */
@Tag("claim:fail-closed-store")
class StoreOutageAcceptanceTest {
  private static final String CANARY = "outage-canary-7f3a";
  private static final Map<String, String> ADMIN = identity("ops", "tenant-a", "admin");

  @RegisterExtension
  static WireMockExtension proxy =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static RunningGateway gateway;
  private static Http http;

  @BeforeAll
  static void start() {
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(node())));
    gateway =
        RunningGateway.builder()
            .with("gateway.store", "opensearch")
            .with("gateway.opensearch.url", proxy.baseUrl())
            .with("gateway.opensearch.index.prefix", OpenSearchIndices.freshPrefix())
            .with("gateway.opensearch.timeout.request", "5000")
            .with("gateway.corpus.seed", "none")
            .start();
    http = new Http(gateway.baseUri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void healthyCluster() {
    proxy.resetAll();
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(node())));
  }

  @Test
  @Tag("claim:no-secrets-in-logs") // the outage's log holds none of the query or document text
  void everyStoreRouteAnswers503InTheEnvelopeAndRecoversWithoutARestart() {
    RawResponse before = post("o-1");
    proxy.stubFor(
        any(anyUrl())
            .atPriority(1)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    try (LogCapture logs = LogCapture.attach()) {
      RawResponse query = query();
      RawResponse read = http.get("/documents/o-1", ADMIN);
      RawResponse delete = http.delete("/documents/o-1", ADMIN);
      RawResponse write = post("o-2");
      RawResponse whoami = http.get("/whoami", ADMIN);

      for (RawResponse r : new RawResponse[] {query, read, delete, write}) {
        assertEquals(503, r.status());
        assertEquals("unavailable", r.errorCode());
        assertEquals("5", r.header("Retry-After").orElseThrow());
        assertFalse(r.text().contains(CANARY));
        JsonNode event = logs.awaitEvent("store_unavailable", r.json().path("request_id").asText());
        assertEquals("protocol", event.path("category").asText());
      }
      assertEquals(200, whoami.status());
      assertFalse(logs.text().contains(CANARY), "no query or document text in any log");
      assertTrue(logs.events("error").isEmpty(), "no 500");
    }

    proxy.resetAll();
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(node())));
    RawResponse after = query();

    assertEquals(201, before.status());
    assertEquals(200, after.status());
    assertEquals("o-1", after.json().path("results").path(0).path("doc_id").asText());
  }

  @Test
  void aClusterSlowerThanTheTimeoutIs503WithTheTimeoutCategory() {
    proxy.stubFor(
        any(anyUrl()).atPriority(1).willReturn(aResponse().withFixedDelay(8_000).withStatus(200)));

    try (LogCapture logs = LogCapture.attach()) {
      RawResponse r = query();

      assertEquals(503, r.status());
      JsonNode event = logs.awaitEvent("store_unavailable", r.json().path("request_id").asText());
      assertEquals("timeout", event.path("category").asText());
      assertEquals("search", event.path("operation").asText());
    }
  }

  private static RawResponse post(String id) {
    return http.postJson(
        "/documents", ADMIN, Json.document(id, "Outage", "kestrel " + CANARY, "public"));
  }

  private static RawResponse query() {
    return http.postJson("/query", ADMIN, "{\"query\":\"kestrel " + CANARY + "\"}");
  }

  private static String node() {
    return OpenSearchNode.sharedUrl().toString();
  }
}
