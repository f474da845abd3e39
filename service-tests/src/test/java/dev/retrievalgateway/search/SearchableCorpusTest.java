package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testsupport.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("claim:store-memory")
class SearchableCorpusTest {
  private static final TenantScope TENANT_A = TenantScope.of("tenant-a");
  private static final TenantScope TENANT_B = TenantScope.of("tenant-b");
  private static final int QUOTA = 30;

  private SearchableCorpus corpus;

  @BeforeEach
  void loadTheDemoCorpus() {
    corpus = SearchableCorpus.inMemory(QUOTA);
    for (DemoCorpus.Entry e : DemoCorpus.documents()) {
      assertEquals(AddResult.ADDED, corpus.add(TenantScope.of(e.tenant()), e.document()));
    }
  }

  @AfterEach
  void closeTheCorpus() {
    corpus.close();
  }

  @Test
  void queryReturnsDocumentsOfTheTenantAtOrBelowTheClearanceWithScoresAndSnippets() {
    List<SearchableCorpus.Result> results =
        corpus.query(TENANT_A, Classification.INTERNAL, "revenue forecast", 10);

    assertFalse(results.isEmpty());
    for (SearchableCorpus.Result r : results) {
      assertTrue(r.document().docId().startsWith("a-"));
      assertTrue(r.document().classification().isReadableWith(Classification.INTERNAL));
      assertTrue(r.score() > 0);
      assertFalse(r.snippet().isEmpty());
      assertTrue(r.document().body().contains(r.snippet()));
    }
  }

  @Test
  void queryOrdersResultsBestScoreFirst() {
    List<SearchableCorpus.Result> results =
        corpus.query(TENANT_B, Classification.RESTRICTED, "Project Aurora merger plans", 50);

    for (int i = 1; i < results.size(); i++) {
      assertTrue(results.get(i - 1).score() >= results.get(i).score());
    }
    assertEquals("b-res-001", results.get(0).document().docId());
  }

  @Test
  void queryWithoutSearchableTermsReturnsNoResults() {
    assertTrue(corpus.query(TENANT_A, Classification.RESTRICTED, "!!! ???", 5).isEmpty());
    assertTrue(corpus.query(TENANT_A, Classification.RESTRICTED, "the of and", 5).isEmpty());
  }

  @Test
  void getReturnsAReadableDocumentOfTheTenant() {
    Optional<Document> doc = corpus.get(TENANT_A, "a-con-001", Classification.CONFIDENTIAL);

    assertTrue(doc.isPresent());
    assertEquals("a-con-001", doc.get().docId());
  }

  @Test
  @Tag("claim:not-found-parity")
  void getAnswersADocumentAboveTheClearanceExactlyLikeAMissingOne() {
    Optional<Document> above = corpus.get(TENANT_A, "a-res-001", Classification.CONFIDENTIAL);
    Optional<Document> missing = corpus.get(TENANT_A, "a-res-999", Classification.CONFIDENTIAL);
    Optional<Document> otherTenant = corpus.get(TENANT_A, "b-pub-001", Classification.RESTRICTED);

    assertEquals(missing, above);
    assertEquals(missing, otherTenant);
    assertTrue(missing.isEmpty());
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource({
    "a-res-001, CONFIDENTIAL, AboveClearance",
    "a-res-001, RESTRICTED, Readable",
    "a-pub-001, PUBLIC, Readable",
    "a-res-999, PUBLIC, Absent",
    "b-res-001, PUBLIC, Absent",
  })
  void lookupTellsAboveClearanceOnlyForTheTenantsDocumentAboveTheClearance(
      String docId, Classification clearance, String expected) {
    SearchableCorpus.Lookup found = corpus.lookup(TENANT_A, docId, clearance);

    assertEquals(expected, found.getClass().getSimpleName());
  }

  @Test
  void addIndexesTheDocumentForTheNextQuery() {
    Document doc =
        new Document(
            "a-new-001", "Zeppelin fleet", "Acme Analytics zeppelins", Classification.PUBLIC);

    AddResult result = corpus.add(TENANT_A, doc);
    List<SearchableCorpus.Result> results =
        corpus.query(TENANT_A, Classification.PUBLIC, "zeppelin", 5);

    assertEquals(AddResult.ADDED, result);
    assertEquals(1, results.size());
    assertEquals(doc, results.get(0).document());
  }

  @Test
  void addOfAnExistingIdIsAConflictAndIndexesNothing() {
    Document replacement = new Document("a-pub-001", "Zeppelin", "zeppelin", Classification.PUBLIC);

    AddResult result = corpus.add(TENANT_A, replacement);

    assertEquals(AddResult.CONFLICT, result);
    assertTrue(corpus.query(TENANT_A, Classification.RESTRICTED, "zeppelin", 5).isEmpty());
    assertEquals(
        "a-pub-001",
        corpus
            .query(TENANT_A, Classification.PUBLIC, "third quarter results", 1)
            .get(0)
            .document()
            .docId());
  }

  @Test
  void addBeyondTheQuotaIsRefusedAndIndexesNothing() {
    for (int i = 0; i < QUOTA - 24; i++) {
      corpus.add(TENANT_A, new Document("fill-" + i, "filler", "filler", Classification.PUBLIC));
    }

    AddResult result =
        corpus.add(TENANT_A, new Document("over", "Zeppelin", "zeppelin", Classification.PUBLIC));

    assertEquals(AddResult.QUOTA_EXCEEDED, result);
    assertTrue(corpus.query(TENANT_A, Classification.RESTRICTED, "zeppelin", 5).isEmpty());
  }

  @ParameterizedTest(name = "at {0}: {1}")
  @CsvSource({"RESTRICTED, DELETED", "CONFIDENTIAL, NOT_FOUND"})
  void removeDeletesARestrictedDocumentFromStoreAndIndexOnlyAtARestrictedClearance(
      Classification clearance, SearchableCorpus.DeleteResult expected) {
    boolean deleted = expected == SearchableCorpus.DeleteResult.DELETED;

    SearchableCorpus.DeleteResult result = corpus.remove(TENANT_A, "a-res-001", clearance);

    assertEquals(expected, result);
    assertEquals(
        !deleted,
        corpus.get(TENANT_A, "a-res-001", Classification.RESTRICTED).isPresent(),
        "in the store");
    assertEquals(
        !deleted,
        corpus.query(TENANT_A, Classification.RESTRICTED, "Project Falcon", 50).stream()
            .anyMatch(r -> r.document().docId().equals("a-res-001")),
        "in the index");
    assertEquals(deleted ? 47 : 48, corpus.size().getAsLong());
  }

  @Test
  void removeOfAnotherTenantsOrAMissingDocumentIsNotFound() {
    assertEquals(
        SearchableCorpus.DeleteResult.NOT_FOUND,
        corpus.remove(TENANT_A, "b-pub-001", Classification.RESTRICTED));
    assertEquals(
        SearchableCorpus.DeleteResult.NOT_FOUND,
        corpus.remove(TENANT_A, "a-pub-999", Classification.RESTRICTED));
    assertTrue(corpus.get(TENANT_B, "b-pub-001", Classification.PUBLIC).isPresent());
  }

  @Test
  void aDeletedIdCanBeAddedAgainWithNewText() {
    corpus.remove(TENANT_A, "a-pub-001", Classification.RESTRICTED);

    AddResult result =
        corpus.add(
            TENANT_A, new Document("a-pub-001", "Zeppelin", "zeppelin", Classification.PUBLIC));

    assertEquals(AddResult.ADDED, result);
    assertEquals(
        List.of("a-pub-001"),
        corpus.query(TENANT_A, Classification.PUBLIC, "zeppelin", 5).stream()
            .map(r -> r.document().docId())
            .toList());
    assertTrue(
        corpus.query(TENANT_A, Classification.PUBLIC, "earnings release", 5).stream()
            .noneMatch(r -> r.document().docId().equals("a-pub-001")));
  }

  @Test
  void concurrentAddsAndRemovesKeepStoreAndIndexInStep() throws Exception {
    SearchableCorpus fresh = SearchableCorpus.inMemory(10_000);
    try (fresh) {
      List<Callable<Void>> work = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String id = "z-" + (i % 50); // the same ids raced by adds and removes
        boolean add = i % 3 != 0;
        work.add(
            () -> {
              if (add) {
                fresh.add(
                    TENANT_A, new Document(id, "Zeppelin", "zeppelin", Classification.PUBLIC));
              } else {
                fresh.remove(TENANT_A, id, Classification.RESTRICTED);
              }
              return null;
            });
      }

      Concurrently.runAll(8, work);

      List<String> indexed =
          fresh.query(TENANT_A, Classification.PUBLIC, "zeppelin", 50).stream()
              .map(r -> r.document().docId())
              .sorted()
              .toList();
      List<String> stored = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        if (fresh.get(TENANT_A, "z-" + i, Classification.PUBLIC).isPresent()) {
          stored.add("z-" + i);
        }
      }
      assertEquals(stored.stream().sorted().toList(), indexed);
      assertEquals(stored.size(), fresh.size().getAsLong());
    }
  }
}
