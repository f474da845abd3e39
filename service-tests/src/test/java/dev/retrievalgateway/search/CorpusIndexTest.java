package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testsupport.Concurrently;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("claim:store-memory")
class CorpusIndexTest {
  private static final TenantScope TENANT_A = TenantScope.of("tenant-a");
  private static final TenantScope TENANT_B = TenantScope.of("tenant-b");

  private static final List<String> QUERIES = DemoQueries.ACROSS_THE_DEMO_CORPUS;

  private CorpusIndex index;
  private final Map<String, Classification> classificationOf = new HashMap<>();

  @BeforeEach
  void indexTheDemoCorpus() {
    index = new CorpusIndex();
    for (DemoCorpus.Entry e : DemoCorpus.documents()) {
      index.add(TenantScope.of(e.tenant()), e.document());
      classificationOf.put(e.tenant() + "/" + e.document().docId(), e.document().classification());
    }
  }

  @AfterEach
  void closeTheIndex() {
    index.close();
  }

  @Test
  void returnsOnlyDocumentsOfTheCallersTenant() {
    for (String query : QUERIES) {
      List<CorpusIndex.Hit> a = index.search(TENANT_A, Classification.RESTRICTED, query, 50);
      List<CorpusIndex.Hit> b = index.search(TENANT_B, Classification.RESTRICTED, query, 50);

      assertFalse(a.isEmpty(), query);
      assertFalse(b.isEmpty(), query);
      assertTrue(a.stream().allMatch(h -> classificationOf.containsKey("tenant-a/" + h.docId())));
      assertTrue(a.stream().allMatch(h -> h.docId().startsWith("a-")), query);
      assertTrue(b.stream().allMatch(h -> h.docId().startsWith("b-")), query);
    }
  }

  @Test
  void returnsOnlyClassificationsReadableWithTheClearance() {
    for (Classification clearance : Classification.values()) {
      for (String query : QUERIES) {
        List<CorpusIndex.Hit> hits = index.search(TENANT_A, clearance, query, 50);

        for (CorpusIndex.Hit hit : hits) {
          assertTrue(
              classificationOf.get("tenant-a/" + hit.docId()).isReadableWith(clearance),
              hit.docId());
        }
      }
    }
  }

  @Test
  void findsRestrictedDocumentsOnlyWithRestrictedClearance() {
    List<CorpusIndex.Hit> admin = index.search(TENANT_A, Classification.RESTRICTED, "merger", 50);
    List<CorpusIndex.Hit> analyst =
        index.search(TENANT_A, Classification.CONFIDENTIAL, "merger", 50);

    assertTrue(admin.stream().anyMatch(h -> h.docId().equals("a-res-001")));
    assertTrue(analyst.stream().noneMatch(h -> h.docId().equals("a-res-001")));
  }

  @Test
  void returnsNothingForATenantWithoutDocuments() {
    List<CorpusIndex.Hit> hits =
        index.search(TenantScope.of("tenant-z"), Classification.RESTRICTED, "revenue", 5);

    assertTrue(hits.isEmpty());
  }

  @Test
  void returnsNothingForAQueryWithoutSearchableTerms() {
    for (String query : List.of("", "   ", "!!! ???", "the and of to", "* ? ~ ^ : ( ) \" +-")) {
      List<CorpusIndex.Hit> hits = index.search(TENANT_A, Classification.RESTRICTED, query, 5);

      assertTrue(hits.isEmpty());
    }
  }

  @Test
  void treatsQuerySyntaxCharactersAsPlainText() {
    String query = "title:foo AND (bar OR \"baz\")~2 * revenue^10 -forecast [a TO z] \\ /re.*/";

    List<CorpusIndex.Hit> hits =
        assertDoesNotThrow(() -> index.search(TENANT_A, Classification.RESTRICTED, query, 5));

    assertFalse(hits.isEmpty()); // "revenue" and "forecast" are plain terms here, not operators
  }

  @Test
  void boundsTheNumberOfClausesOfAVeryLongQuery() {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      query.append("w").append(i).append(' ');
    }
    query.append("revenue");

    assertDoesNotThrow(
        () -> index.search(TENANT_A, Classification.RESTRICTED, query.toString(), 5));
    assertTrue(index.terms(query.toString()).size() <= QueryTerms.MAX_QUERY_TERMS);
  }

  @Test
  void ordersByScoreThenByDocIdAndHonoursTopK() {
    CorpusIndex fresh = new CorpusIndex();
    try (fresh) {
      for (String id : List.of("t-3", "t-1", "t-2")) {
        fresh.add(
            TENANT_A, new Document(id, "same title", "identical body", Classification.PUBLIC));
      }
      fresh.add(
          TENANT_A,
          new Document("t-0", "other", "identical body identical body", Classification.PUBLIC));

      List<CorpusIndex.Hit> hits = fresh.search(TENANT_A, Classification.PUBLIC, "identical", 3);

      assertEquals(3, hits.size());
      assertEquals(
          List.of("t-0", "t-1", "t-2"), hits.stream().map(CorpusIndex.Hit::docId).toList());
      assertTrue(hits.get(0).score() > hits.get(1).score());
      assertEquals(hits.get(1).score(), hits.get(2).score());
    }
  }

  @Test
  void findsADocumentRightAfterItIsAddedAndNotRightAfterItIsRemoved() {
    Document doc =
        new Document(
            "a-new-001", "Zeppelin fleet", "Acme Analytics zeppelin", Classification.PUBLIC);

    index.add(TENANT_A, doc);
    List<CorpusIndex.Hit> afterAdd = index.search(TENANT_A, Classification.PUBLIC, "zeppelin", 5);
    index.remove(TENANT_A, "a-new-001", Classification.PUBLIC);
    List<CorpusIndex.Hit> afterRemove =
        index.search(TENANT_A, Classification.PUBLIC, "zeppelin", 5);

    assertEquals(List.of("a-new-001"), afterAdd.stream().map(CorpusIndex.Hit::docId).toList());
    assertTrue(afterRemove.isEmpty());
  }

  @Test
  void indexingTheSameIdTwiceGivesOneHit() {
    Document doc = new Document("dup", "Zeppelin", "zeppelin", Classification.PUBLIC);

    index.add(TENANT_A, doc);
    index.add(TENANT_A, doc);

    assertEquals(1, index.search(TENANT_A, Classification.PUBLIC, "zeppelin", 5).size());
  }

  @Test
  void scoresIgnoreDocumentsOfOtherTenantsAndAboveTheClearance() {
    Map<String, List<String>> before = snapshot(TENANT_A, Classification.INTERNAL);

    // Another tenant: new documents full of the query terms, and deletions.
    for (int i = 0; i < 20; i++) {
      index.add(TENANT_B, noisyDoc("b-noise-" + i, Classification.values()[i % 4]));
    }
    index.remove(TENANT_B, "b-pub-001", Classification.PUBLIC);
    index.remove(TENANT_B, "b-int-001", Classification.INTERNAL);
    index.remove(TENANT_B, "b-con-001", Classification.CONFIDENTIAL);
    // The same tenant, above the clearance.
    for (int i = 0; i < 20; i++) {
      Classification above = i % 2 == 0 ? Classification.CONFIDENTIAL : Classification.RESTRICTED;
      index.add(TENANT_A, noisyDoc("a-noise-" + i, above));
    }
    index.remove(TENANT_A, "a-con-001", Classification.CONFIDENTIAL);
    index.remove(TENANT_A, "a-res-001", Classification.RESTRICTED);
    index.remove(TENANT_A, "a-res-003", Classification.RESTRICTED);
    Map<String, List<String>> after = snapshot(TENANT_A, Classification.INTERNAL);

    assertEquals(before, after);
  }

  @Test
  void scoresDoChangeWhenAReadableDocumentIsAdded() {
    // Shows that the isolation test above compares something that can change.
    Map<String, List<String>> before = snapshot(TENANT_A, Classification.INTERNAL);

    index.add(TENANT_A, noisyDoc("a-noise-readable", Classification.PUBLIC));
    Map<String, List<String>> after = snapshot(TENANT_A, Classification.INTERNAL);

    assertNotEquals(before, after);
  }

  @Test
  void aRemovedDocumentNoLongerWeighsOnScores() {
    // Enough later writes that Lucene merges the removed document's segment with live ones:
    // a segment that is only partly deleted is where stale statistics would linger.
    CorpusIndex neverAdded = new CorpusIndex();
    try (neverAdded) {
      for (DemoCorpus.Entry e : DemoCorpus.documents()) {
        neverAdded.add(TenantScope.of(e.tenant()), e.document());
      }
      index.add(TENANT_A, noisyDoc("a-noise-temporary", Classification.INTERNAL));
      for (int i = 0; i < 30; i++) {
        Document filler = fillerDoc("a-filler-" + i);
        index.add(TENANT_A, filler);
        neverAdded.add(TENANT_A, filler);
      }

      index.remove(TENANT_A, "a-noise-temporary", Classification.INTERNAL);

      assertEquals(
          snapshot(neverAdded, TENANT_A, Classification.INTERNAL),
          snapshot(index, TENANT_A, Classification.INTERNAL));
    }
  }

  @Test
  void searchesAfterWritesAtEveryClearanceEqualAFreshIndex() {
    // Every clearance is searched first, so each keeps a searcher and the term states of the
    // queries; the writes that follow (an add at each level, a removal, a replacement) must each
    // be seen by the next search exactly as an index built with the final documents sees them.
    CorpusIndex fresh = new CorpusIndex();
    try (fresh) {
      for (Classification clearance : Classification.values()) {
        snapshot(index, TENANT_A, clearance);
      }
      for (DemoCorpus.Entry e : DemoCorpus.documents()) {
        if (!List.of("a-int-002", "a-pub-001").contains(e.document().docId())) {
          fresh.add(TenantScope.of(e.tenant()), e.document());
        }
      }
      for (Classification level : Classification.values()) {
        Document doc = noisyDoc("a-noise-" + level.wireName(), level);
        index.add(TENANT_A, doc);
        fresh.add(TENANT_A, doc);
        for (Classification clearance : Classification.values()) {
          snapshot(index, TENANT_A, clearance);
        }
      }
      index.remove(TENANT_A, "a-int-002", Classification.INTERNAL);
      Document replaced =
          new Document("a-pub-001", "Replaced", "Customer onboarding notes", Classification.PUBLIC);
      index.add(TENANT_A, replaced);
      fresh.add(TENANT_A, replaced);

      for (Classification clearance : Classification.values()) {
        assertEquals(
            snapshot(fresh, TENANT_A, clearance),
            snapshot(index, TENANT_A, clearance),
            clearance.wireName());
      }
    }
  }

  @Test
  void removeOfAnAbsentDocumentChangesNothing() {
    Map<String, List<String>> before = snapshot(TENANT_A, Classification.RESTRICTED);

    index.remove(TENANT_A, "no-such-doc", Classification.PUBLIC);
    index.remove(TENANT_A, "a-pub-001", Classification.RESTRICTED); // wrong level: not there
    index.remove(TenantScope.of("tenant-z"), "a-pub-001", Classification.PUBLIC);

    assertEquals(before, snapshot(TENANT_A, Classification.RESTRICTED));
  }

  @Test
  void servesConcurrentSearchesAndWritesWithoutErrors() throws Exception {
    List<Callable<Void>> work = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      work.add(
          () -> {
            if (n % 4 == 0) {
              index.add(TENANT_B, noisyDoc("b-c-" + n, Classification.values()[n % 4]));
            } else if (n % 4 == 1) {
              index.remove(TENANT_B, "b-c-" + (n - 1), Classification.values()[(n - 1) % 4]);
            } else {
              index.search(TENANT_A, Classification.INTERNAL, QUERIES.get(n % QUERIES.size()), 5);
            }
            return null;
          });
    }
    Map<String, List<String>> before = snapshot(TENANT_A, Classification.INTERNAL);

    Concurrently.runAll(8, work);

    assertEquals(before, snapshot(TENANT_A, Classification.INTERNAL));
  }

  @Test
  void refusesANonPositiveTopKAndUseAfterClose() {
    assertThrows(
        IllegalArgumentException.class,
        () -> index.search(TENANT_A, Classification.PUBLIC, "revenue", 0));

    index.close();

    assertThrows(
        IllegalStateException.class,
        () -> index.search(TENANT_A, Classification.PUBLIC, "revenue", 5));
  }

  /** For each query: the hits as "docId score-bits", in order; equal only when bit for bit. */
  private Map<String, List<String>> snapshot(TenantScope tenant, Classification clearance) {
    return snapshot(index, tenant, clearance);
  }

  private static Map<String, List<String>> snapshot(
      CorpusIndex index, TenantScope tenant, Classification clearance) {
    Map<String, List<String>> results = new HashMap<>();
    for (String query : QUERIES) {
      results.put(
          query,
          index.search(tenant, clearance, query, 50).stream()
              .map(h -> h.docId() + " " + Float.floatToIntBits(h.score()))
              .collect(Collectors.toList()));
    }
    return results;
  }

  private static Document fillerDoc(String id) {
    return new Document(
        id, "Filler " + id, "Customer onboarding notes, number " + id, Classification.INTERNAL);
  }

  private static Document noisyDoc(String id, Classification classification) {
    return new Document(
        id,
        "Revenue forecast and merger plans",
        "Quarterly revenue forecast, merger plans, security audit findings, payroll, onboarding"
            + " guide for new employees, incident postmortem outage, vendor contracts, product"
            + " roadmap, customer. Revenue revenue revenue.",
        classification);
  }
}
