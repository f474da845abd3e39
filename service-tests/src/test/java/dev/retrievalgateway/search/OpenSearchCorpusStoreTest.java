package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.config.OpenSearchSettings;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testkit.OpenSearchIndices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenSearch store against a real OpenSearch 3.8 node (started once for the test run): the same
 * answers as the in-memory store, ids unique per tenant and the quota kept under concurrent writers
 * of several instances, and score isolation from the readable indices only.
 */
@Tag("claim:store-opensearch")
@Tag("claim:tenant-isolation")
@Tag("claim:score-isolation")
class OpenSearchCorpusStoreTest {
  private static final TenantScope TENANT_A = TenantScope.of("tenant-a");
  private static final TenantScope TENANT_B = TenantScope.of("tenant-b");
  private static final int QUOTA = 100;

  private final List<OpenSearchSettings> used = new ArrayList<>();
  private final List<CorpusStore> open = new ArrayList<>();

  @AfterEach
  void deleteWhatTheTestMade() {
    open.forEach(CorpusStore::close);
    used.forEach(OpenSearchIndices::deleteAll);
  }

  /** A store under a prefix of its own. */
  private OpenSearchCorpusStore freshStore(int quota) {
    OpenSearchSettings settings = OpenSearchIndices.freshSettings();
    used.add(settings);
    return instanceOn(settings, quota);
  }

  /** Another instance on the same indices, as a second gateway would be. */
  private OpenSearchCorpusStore instanceOn(OpenSearchSettings settings, int quota) {
    OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, quota);
    open.add(store);
    return store;
  }

  private static Document doc(String id, Classification c, String text) {
    return new Document(id, "Title " + id, text, c);
  }

  @Nested
  class Documents {
    @Test
    void addsFindsAndDeletesADocumentVisibleToTheNextRequest() {
      OpenSearchCorpusStore store = freshStore(QUOTA);
      Document d = doc("d-1", Classification.INTERNAL, "Quarterly revenue forecast.");

      AddResult added = store.add(TENANT_A, d);
      Optional<Document> found = store.find(TENANT_A, "d-1");
      List<SearchableCorpus.Result> hits =
          store.search(TENANT_A, Classification.INTERNAL, "revenue", 5);
      boolean deleted = store.delete(TENANT_A, "d-1", Classification.INTERNAL);

      assertEquals(AddResult.ADDED, added);
      assertEquals(Optional.of(d), found);
      assertEquals(List.of("d-1"), hits.stream().map(r -> r.document().docId()).toList());
      assertTrue(deleted);
      assertEquals(Optional.empty(), store.find(TENANT_A, "d-1"));
      assertEquals(List.of(), store.search(TENANT_A, Classification.INTERNAL, "revenue", 5));
      assertFalse(store.delete(TENANT_A, "d-1", Classification.INTERNAL));
    }

    @ParameterizedTest(name = "tenant \"{0}\"")
    @ValueSource(
        strings = {
          "a",
          "0",
          "a.b",
          "a..b",
          "a-",
          "a_b",
          "a.",
          "public-x",
          "restricted",
          "abcdefghijklmnopqrstuvwxyz0123456789._-abcdefghijklmnopqrstuvwxy"
        })
    void keepsTheDocumentsOfEveryShapeOfTenantNameApart(String tenantName) {
      OpenSearchCorpusStore store = freshStore(QUOTA);
      TenantScope tenant = TenantScope.of(tenantName);
      TenantScope neighbour = TenantScope.of("x" + tenantName.substring(1));

      store.add(tenant, doc("n-1", Classification.CONFIDENTIAL, "shape kestrel"));
      store.add(neighbour, doc("n-1", Classification.CONFIDENTIAL, "neighbour kestrel"));

      assertEquals("shape kestrel", store.find(tenant, "n-1").orElseThrow().body());
      assertEquals(
          List.of("shape kestrel"),
          store.search(tenant, Classification.RESTRICTED, "kestrel", 5).stream()
              .map(r -> r.document().body())
              .toList());
    }

    @Test
    void refusesASecondDocumentWithTheSameIdAtAnyClassification() {
      OpenSearchCorpusStore store = freshStore(QUOTA);
      store.add(TENANT_A, doc("same", Classification.PUBLIC, "first"));

      List<AddResult> again = new ArrayList<>();
      for (Classification c : Classification.values()) {
        again.add(store.add(TENANT_A, doc("same", c, "second")));
      }

      assertEquals(
          List.of(AddResult.CONFLICT, AddResult.CONFLICT, AddResult.CONFLICT, AddResult.CONFLICT),
          again);
      assertEquals("first", store.find(TENANT_A, "same").orElseThrow().body());
      assertEquals(AddResult.ADDED, store.add(TENANT_B, doc("same", Classification.PUBLIC, "b")));
    }

    @Test
    void refusesAnAddPastTheQuotaAndFreesThePlaceOnDelete() {
      OpenSearchCorpusStore store = freshStore(2);
      store.add(TENANT_A, doc("q1", Classification.PUBLIC, "one"));
      store.add(TENANT_A, doc("q2", Classification.RESTRICTED, "two"));

      AddResult third = store.add(TENANT_A, doc("q3", Classification.PUBLIC, "three"));
      AddResult otherTenant = store.add(TENANT_B, doc("q3", Classification.PUBLIC, "three"));
      store.delete(TENANT_A, "q2", Classification.RESTRICTED);
      AddResult afterDelete = store.add(TENANT_A, doc("q3", Classification.PUBLIC, "three"));

      assertEquals(AddResult.QUOTA_EXCEEDED, third);
      assertEquals(AddResult.ADDED, otherTenant);
      assertEquals(AddResult.ADDED, afterDelete);
      assertEquals(Optional.empty(), store.find(TENANT_A, "q2"));
    }
  }

  /**
   * The same corpus in both stores gives the same ranking: ids and order for every clearance and
   * query. Scores agree too; the figures of the comparison are in the README ("Stores").
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SameRankingAsTheInMemoryStore {
    private final OpenSearchSettings settings = OpenSearchIndices.freshSettings();
    private SearchableCorpus memory;
    private OpenSearchCorpusStore openSearch;

    @BeforeAll
    void loadTheDemoCorpusIntoBoth() {
      memory = SearchableCorpus.inMemory(QUOTA);
      openSearch = OpenSearchCorpusStore.connect(settings, QUOTA);
      for (DemoCorpus.Entry e : DemoCorpus.documents()) {
        memory.add(TenantScope.of(e.tenant()), e.document());
        openSearch.add(TenantScope.of(e.tenant()), e.document());
      }
    }

    @AfterAll
    void closeBoth() {
      memory.close();
      openSearch.close();
      OpenSearchIndices.deleteAll(settings);
    }

    Stream<Arguments> queries() {
      List<Arguments> all = new ArrayList<>();
      for (String q :
          List.of(
              "quarterly revenue forecast",
              "security incident",
              "the",
              "roadmap hiring plan",
              "customer churn retention analysis",
              "board merger acquisition",
              "policy",
              "audit compliance report")) {
        for (Classification c : Classification.values()) {
          all.add(Arguments.of(q, c));
        }
      }
      return all.stream();
    }

    @ParameterizedTest(name = "\"{0}\" at {1}")
    @MethodSource("queries")
    void ranksLikeTheInMemoryStore(String query, Classification clearance) {
      List<SearchableCorpus.Result> expected = memory.query(TENANT_A, clearance, query, 10);

      List<SearchableCorpus.Result> actual = openSearch.search(TENANT_A, clearance, query, 10);

      assertEquals(ids(expected), ids(actual));
      assertEquals(
          expected.stream().map(SearchableCorpus.Result::snippet).toList(),
          actual.stream().map(SearchableCorpus.Result::snippet).toList());
      for (int i = 0; i < expected.size(); i++) {
        float e = expected.get(i).score();
        float a = actual.get(i).score();
        assertEquals(e, a, Math.ulp(e) * 4, "score of " + ids(expected).get(i));
      }
    }
  }

  @Nested
  class ScoreIsolation {
    @Test
    void resultsIgnoreWritesAndDeletesTheCallerCannotRead() {
      OpenSearchCorpusStore store = freshStore(QUOTA);
      store.add(TENANT_A, doc("a1", Classification.PUBLIC, "revenue forecast for the quarter"));
      store.add(TENANT_A, doc("a2", Classification.INTERNAL, "revenue by region"));
      store.add(TENANT_A, doc("a3", Classification.INTERNAL, "hiring plan"));
      List<SearchableCorpus.Result> before =
          store.search(TENANT_A, Classification.INTERNAL, "revenue forecast", 5);

      store.add(TENANT_A, doc("x1", Classification.CONFIDENTIAL, "revenue revenue forecast"));
      store.add(TENANT_A, doc("x2", Classification.RESTRICTED, "forecast forecast"));
      store.add(TENANT_B, doc("a1", Classification.PUBLIC, "revenue revenue revenue"));
      store.add(TENANT_B, doc("b2", Classification.INTERNAL, "forecast"));
      store.delete(TENANT_A, "x1", Classification.CONFIDENTIAL);
      List<SearchableCorpus.Result> after =
          store.search(TENANT_A, Classification.INTERNAL, "revenue forecast", 5);

      assertEquals(before, after, "ids, order, snippets and the very bits of every score");
    }

    @Test
    void resultsEqualThoseOfAStoreHoldingOnlyTheReadableDocuments() {
      OpenSearchCorpusStore everything = freshStore(QUOTA);
      OpenSearchCorpusStore readableOnly = freshStore(QUOTA);
      for (DemoCorpus.Entry e : DemoCorpus.documents()) {
        everything.add(TenantScope.of(e.tenant()), e.document());
        if (e.tenant().equals("tenant-a")
            && e.document().classification().isReadableWith(Classification.INTERNAL)) {
          readableOnly.add(TenantScope.of(e.tenant()), e.document());
        }
      }

      for (String q : List.of("quarterly revenue forecast", "security incident", "roadmap")) {
        assertEquals(
            readableOnly.search(TENANT_A, Classification.INTERNAL, q, 10),
            everything.search(TENANT_A, Classification.INTERNAL, q, 10),
            q);
      }
    }
  }

  /** Two store instances on the same indices stand for two gateway instances. */
  @Nested
  class Races {
    @Test
    void concurrentPostsOfOneIdAtDifferentClassificationsAddExactlyOne() throws Exception {
      OpenSearchCorpusStore first = freshStore(QUOTA);
      OpenSearchCorpusStore second = instanceOn(lastSettings(), QUOTA);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        for (int round = 0; round < 10; round++) {
          String id = "race-" + round;
          List<Callable<AddResult>> posts = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            OpenSearchCorpusStore instance = i % 2 == 0 ? first : second;
            Classification c = Classification.values()[i % 4];
            posts.add(() -> instance.add(TENANT_A, doc(id, c, "body " + c)));
          }

          List<AddResult> outcomes = results(pool.invokeAll(posts));

          assertEquals(1, outcomes.stream().filter(r -> r == AddResult.ADDED).count(), id);
          assertEquals(7, outcomes.stream().filter(r -> r == AddResult.CONFLICT).count(), id);
          assertTrue(first.find(TENANT_A, id).isPresent(), id);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void concurrentWritersAtTheQuotaNeverPassIt() throws Exception {
      int quota = 5;
      OpenSearchCorpusStore first = freshStore(quota);
      OpenSearchCorpusStore second = instanceOn(lastSettings(), quota);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<AddResult>> posts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          OpenSearchCorpusStore instance = i % 2 == 0 ? first : second;
          String id = "w-" + i;
          posts.add(() -> instance.add(TENANT_A, doc(id, Classification.PUBLIC, "quota word")));
        }

        List<AddResult> outcomes = results(pool.invokeAll(posts));

        assertEquals(quota, outcomes.stream().filter(r -> r == AddResult.ADDED).count());
        assertEquals(
            24 - quota, outcomes.stream().filter(r -> r == AddResult.QUOTA_EXCEEDED).count());
        assertEquals(quota, first.search(TENANT_A, Classification.PUBLIC, "quota", 50).size());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void deletesDuringQueriesNeverFailAQueryNorShowAnotherDocument() throws Exception {
      OpenSearchCorpusStore store = freshStore(QUOTA);
      for (int i = 0; i < 10; i++) {
        store.add(TENANT_A, doc("k-" + i, Classification.PUBLIC, "kestrel falcon " + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<Integer> deletes =
            pool.submit(
                () -> {
                  int n = 0;
                  for (int i = 0; i < 10; i++) {
                    n += store.delete(TENANT_A, "k-" + i, Classification.PUBLIC) ? 1 : 0;
                  }
                  return n;
                });
        List<Future<List<String>>> queries = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
          queries.add(
              pool.submit(
                  () -> {
                    List<String> seen = new ArrayList<>();
                    while (!deletes.isDone()) {
                      for (SearchableCorpus.Result r :
                          store.search(TENANT_A, Classification.PUBLIC, "kestrel", 20)) {
                        seen.add(r.document().docId());
                      }
                    }
                    return seen;
                  }));
        }

        assertEquals(10, deletes.get());
        for (Future<List<String>> q : queries) {
          assertTrue(q.get().stream().allMatch(id -> id.startsWith("k-")));
        }
        assertEquals(List.of(), store.search(TENANT_A, Classification.PUBLIC, "kestrel", 20));
      } finally {
        pool.shutdownNow();
      }
    }

    private OpenSearchSettings lastSettings() {
      return used.get(used.size() - 1);
    }
  }

  private static List<String> ids(List<SearchableCorpus.Result> results) {
    return results.stream().map(r -> r.document().docId()).toList();
  }

  private static <T> List<T> results(List<Future<T>> futures) throws Exception {
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get());
    }
    return out;
  }
}
