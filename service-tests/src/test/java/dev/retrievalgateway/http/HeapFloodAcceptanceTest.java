package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * One writer floods a gateway whose heap is small (a child JVM with {@code -Xmx200m}, the default
 * budget derived from it): thousands of new tenants, then large documents in one tenant. The store
 * refuses with {@code 507 store_full} before the heap is at risk, and the process stays up and
 * keeps serving health and other tenants' reads. Without the budget the same flood ends in an
 * {@code OutOfMemoryError}.
 */
class HeapFloodAcceptanceTest {
  private static final int NEW_TENANTS = 6_000;
  private static final int LARGE_DOCUMENTS = 400;

  @Test
  void refusesWithStoreFullAndKeepsServingWhenOneWriterFloodsASmallHeap() {
    try (GatewayProcess gateway =
        GatewayProcess.builder()
            .jvm("-Xmx200m")
            .env("SERVER_PORT", "0")
            .env("GATEWAY_THROTTLE_RATE", "1000000")
            .env("GATEWAY_THROTTLE_BURST", "1000000")
            .start()) {
      Http http = new Http(gateway.awaitStartup(Duration.ofSeconds(90)));
      String small = "{\"title\":\"t\",\"body\":\"flood\",\"classification\":\"%s\"}";
      String large =
          "{\"title\":\"t\",\"body\":\""
              + "x".repeat(100_000)
              + "\",\"classification\":\"public\"}";
      String[] levels = {"public", "internal", "confidential", "restricted"};

      Map<String, Integer> tenantFlood =
          flood(
              http,
              NEW_TENANTS,
              i -> identity("flood", "flood-" + i, "admin"),
              i -> small.formatted(levels[i % levels.length]));
      Map<String, Integer> documentFlood =
          flood(http, LARGE_DOCUMENTS, i -> identity("flood", "big", "admin"), i -> large);
      RawResponse health = http.get("/health", Map.of());
      RawResponse otherTenant =
          http.get("/documents/a-pub-001", identity("demo", "tenant-a", "intern"));

      String output = gateway.output();
      assertAll(
          () -> assertTrue(gateway.isAlive(), "the process is up"),
          () -> assertFalse(output.contains("OutOfMemoryError"), "no OutOfMemoryError"),
          () ->
              assertEquals(
                  Map.of(), without(tenantFlood, 201, 507), "tenant flood: " + tenantFlood),
          () -> assertTrue(tenantFlood.getOrDefault("507", 0) > 0, "tenant flood: " + tenantFlood),
          () ->
              assertEquals(
                  Map.of(), without(documentFlood, 201, 507), "document flood: " + documentFlood),
          () ->
              assertTrue(
                  documentFlood.getOrDefault("507", 0) > 0, "document flood: " + documentFlood),
          () -> assertEquals(200, health.status(), "/health"),
          () -> assertEquals(200, otherTenant.status(), "another tenant's read"));
    }
  }

  /** Posts {@code count} documents; returns how many got each status (or "io" for no answer). */
  private static Map<String, Integer> flood(
      Http http, int count, IntFunction<Map<String, String>> who, IntFunction<String> body) {
    Map<String, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String outcome;
      try {
        RawResponse r = http.postJson("/documents", who.apply(i), body.apply(i));
        outcome = Integer.toString(r.status());
        if (r.status() == 507 && !"store_full".equals(r.errorCode())) {
          outcome = "507 without store_full";
        }
      } catch (UncheckedIOException e) {
        outcome = "io";
      }
      statuses.merge(outcome, 1, Integer::sum);
      if (outcome.equals("io")) {
        break; // the gateway is gone: nothing more to learn
      }
    }
    return statuses;
  }

  private static Map<String, Integer> without(Map<String, Integer> statuses, int... expected) {
    Map<String, Integer> rest = new TreeMap<>(statuses);
    for (int status : expected) {
      rest.remove(Integer.toString(status));
    }
    return rest;
  }
}
