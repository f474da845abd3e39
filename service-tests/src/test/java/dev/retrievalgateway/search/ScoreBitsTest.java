package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pins the exact float bits of every score of a set of demo queries, as they were before the index
 * was tuned for speed. Segment layout, refresh timing and reader reuse must never move a score:
 * scores are part of the contract (a principal's results must not change for the same corpus), so a
 * change of any bit here is a contract change, not a tuning detail.
 *
 * <p>The expectations ({@code score-bits.txt}) were recorded from the index that refreshed after
 * every write and opened a new reader per query. The corpora covered: the demo corpus as the
 * gateway seeds it, the same after deletions (the merge-away-deletes path, with the deletions in
 * the write buffer and in refreshed segments), and a corpus written with searches between the
 * writes (a different segment layout for the same documents). That index's searches changed
 * nothing, so the expectations of the variants with searches are those of their plain twins.
 */
class ScoreBitsTest {
  /** The demo queries, then one more: score-bits.txt records them in this order. */
  private static final List<String> QUERIES =
      Stream.concat(
              DemoQueries.ACROSS_THE_DEMO_CORPUS.stream(),
              Stream.of("the status page of the platform"))
          .toList();

  @Test
  void scoresOfDemoQueriesKeepTheirExactFloatBits() throws IOException {
    Map<String, String> expected = expectedLines();
    Map<String, String> actual = actualLines();
    List<Executable> checks = new ArrayList<>();
    checks.add(
        () -> assertEquals(expected.keySet(), actual.keySet(), "the same query cases are pinned"));
    for (Map.Entry<String, String> e : expected.entrySet()) {
      checks.add(() -> assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey()));
    }
    assertAll(checks);
  }

  /** One line per (corpus, tenant, clearance, query): the hits as docId=float bits in hex. */
  static Map<String, String> actualLines() {
    Map<String, String> lines = new LinkedHashMap<>();
    withIndex(index -> seedDemo(index, false), index -> record("demo", index, lines));
    withIndex(
        index -> {
          seedDemo(index, false);
          removeSome(index);
        },
        index -> record("deleted", index, lines));
    withIndex(
        index -> {
          seedDemo(index, false);
          // A search first, so that the deletions hit refreshed segments, not the write buffer.
          index.search(TenantScope.of("tenant-a"), Classification.RESTRICTED, "acme", 1);
          index.search(TenantScope.of("tenant-b"), Classification.RESTRICTED, "borealis", 1);
          removeSome(index);
        },
        index -> record("deleted-after-search", index, lines));
    withIndex(index -> seedDemo(index, true), index -> record("interleaved", index, lines));
    return lines;
  }

  private static void withIndex(Consumer<CorpusIndex> seed, Consumer<CorpusIndex> use) {
    try (CorpusIndex index = new CorpusIndex()) {
      seed.accept(index);
      use.accept(index);
    }
  }

  private static void removeSome(CorpusIndex index) {
    for (DemoCorpus.Entry e : DemoCorpus.documents()) {
      if (e.document().docId().endsWith("-002") || e.document().docId().endsWith("-005")) {
        index.remove(
            TenantScope.of(e.tenant()), e.document().docId(), e.document().classification());
      }
    }
  }

  /** The demo corpus in the gateway's order; interleaved: a search after every third write. */
  private static void seedDemo(CorpusIndex index, boolean interleaved) {
    int written = 0;
    for (DemoCorpus.Entry e : DemoCorpus.documents()) {
      Document d = e.document();
      index.add(TenantScope.of(e.tenant()), d);
      if (interleaved && ++written % 3 == 0) {
        index.search(TenantScope.of(e.tenant()), Classification.RESTRICTED, d.title(), 3);
      }
    }
  }

  private static void record(String corpus, CorpusIndex index, Map<String, String> lines) {
    for (String tenant : List.of("tenant-a", "tenant-b")) {
      for (Classification clearance : Classification.values()) {
        for (String query : QUERIES) {
          String hits =
              index.search(TenantScope.of(tenant), clearance, query, 10).stream()
                  .map(
                      h ->
                          h.docId() + "=" + Integer.toHexString(Float.floatToRawIntBits(h.score())))
                  .collect(Collectors.joining(" "));
          lines.put(corpus + "|" + tenant + "|" + clearance + "|" + query, hits);
        }
      }
    }
  }

  private static Map<String, String> expectedLines() throws IOException {
    Map<String, String> lines = new LinkedHashMap<>();
    try (InputStream in = ScoreBitsTest.class.getResourceAsStream("score-bits.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        lines.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return lines;
  }
}
