package dev.retrievalgateway.bench;

import static dev.retrievalgateway.testkit.Http.identity;

import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * What the in-memory store costs in heap, measured through the HTTP API of a real gateway in this
 * JVM (store and Lucene indexes together): a tenant with four classification indexes, and a
 * document of 1,000 and of 100,000 characters. Prints the figures and documents per GiB beside the
 * empty gateway's heap as the baseline; asserts nothing. {@code make bench-memory} runs it.
 *
 * <p>The figures behind the default budget ({@code InMemoryDocumentStore.Budget}) come from here.
 * Each tenant is searched once after its writes, so that they are of refreshed indexes: what the
 * budget counts.
 */
public final class CorpusMemoryBench {
  private static final long GIB = 1L << 30;
  private static final String[] LEVELS = {"public", "internal", "confidential", "restricted"};

  private CorpusMemoryBench() {}

  public static void main(String[] args) throws Exception {
    int tenants = Integer.getInteger("bench.tenants", 500);
    int smallDocuments = Integer.getInteger("bench.documents", 2_000);
    int largeDocuments = Integer.getInteger("bench.large", 100);
    try (RunningGateway gateway =
        RunningGateway.builder()
            .with("gateway.corpus.seed", "none")
            .with("gateway.corpus.max.documents", "10000000")
            .with("gateway.corpus.budget.tenants", Integer.toString(Integer.MAX_VALUE))
            .with("gateway.corpus.budget.documents", Long.toString(Long.MAX_VALUE))
            .with("gateway.corpus.budget.bytes", Long.toString(Long.MAX_VALUE))
            .with("gateway.throttle.rate", "1000000")
            .with("gateway.throttle.burst", "1000000")
            .start()) {
      Http http = new Http(gateway.baseUri());
      post(http, identity("bench", "warm-up", "admin"), 0, "x".repeat(100), "public");
      long baseline = usedHeap();

      for (int t = 0; t < tenants; t++) {
        Map<String, String> admin = identity("bench", "tenant-" + t, "admin");
        for (String level : LEVELS) {
          post(http, admin, 0, "word ".repeat(20), level);
        }
        search(http, admin);
      }
      long afterTenants = usedHeap();
      long perTenant = (afterTenants - baseline) / tenants;

      long afterSmall = heapAfterDocuments(http, "small-documents", smallDocuments, 1_000);
      long perSmall = (afterSmall - afterTenants) / smallDocuments;
      long afterLarge = heapAfterDocuments(http, "large-documents", largeDocuments, 100_000);
      long perLarge = (afterLarge - afterSmall) / largeDocuments;

      System.out.printf(
          "heap of the empty gateway (baseline): %,d bytes; max heap %,d bytes%n",
          baseline, Runtime.getRuntime().maxMemory());
      System.out.printf(
          "tenant with 4 classification indexes (one 100-char document each): %,d bytes"
              + " (%,d tenants per GiB)%n",
          perTenant, GIB / Math.max(1, perTenant));
      System.out.printf(
          "document of 1,000 characters: %,d bytes (%,d documents per GiB)%n",
          perSmall, GIB / Math.max(1, perSmall));
      System.out.printf(
          "document of 100,000 characters: %,d bytes (%,d documents per GiB)%n",
          perLarge, GIB / Math.max(1, perLarge));
      System.out.printf(
          "heap bytes per text byte, from the two document sizes: %.2f%n",
          (perLarge - perSmall) / 99_000.0);
    }
  }

  /** Words that differ between documents, so that Lucene's terms dictionary grows as in life. */
  private static String text(int length, int seed) {
    StringBuilder text = new StringBuilder(length);
    long state = seed * 0x9E3779B97F4A7C15L + 1;
    while (text.length() < length) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      text.append("w").append(Long.toString((state >>> 40) % 50_000, 36)).append(' ');
    }
    return text.substring(0, length);
  }

  /**
   * Writes {@code count} documents of {@code length} characters to a new tenant, across the levels,
   * searches them once and returns the heap then in use.
   */
  private static long heapAfterDocuments(Http http, String tenant, int count, int length)
      throws InterruptedException {
    Map<String, String> admin = identity("bench", tenant, "admin");
    for (int i = 0; i < count; i++) {
      post(http, admin, i, text(length, i), LEVELS[i % LEVELS.length]);
    }
    search(http, admin);
    return usedHeap();
  }

  private static void post(
      Http http, Map<String, String> admin, int id, String body, String classification) {
    String json =
        Json.document("d" + id + "-" + classification, "Bench document", body, classification);
    RawResponse r = http.postJson("/documents", admin, json);
    if (r.status() != 201) {
      throw new IllegalStateException("ingest answered " + r.status());
    }
  }

  /**
   * A search by a role that reads every level: the tenant's indexes are refreshed, so the figures
   * are those of documents a store that is queried holds (writes no search follows cost more while
   * they sit in Lucene's indexing buffers).
   */
  private static void search(Http http, Map<String, String> admin) {
    RawResponse r = http.postJson("/query", admin, "{\"query\":\"word\"}");
    if (r.status() != 200) {
      throw new IllegalStateException("query answered " + r.status());
    }
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
