package dev.retrievalgateway.properties;

import static dev.retrievalgateway.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.properties.testsupport.Clearance;
import dev.retrievalgateway.properties.testsupport.Corpus;
import dev.retrievalgateway.properties.testsupport.Invariant;
import dev.retrievalgateway.properties.testsupport.PropertyCheck;
import dev.retrievalgateway.search.SearchableCorpus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 2, against the service's classes: nothing above the principal's clearance is returned,
 * read or deleted, and for one tenant and query the set of all matching ids grows with clearance
 * (intern ⊆ analyst ⊆ admin), by exactly the documents the higher clearance adds.
 */
@Tag("claim:clearance")
class ClearanceProperties {

  @Nested
  class Search {
    @Test
    void noResultIsAboveTheClearance() {
      PropertyCheck.classLevel(Invariant.CLEARANCE)
          .check(
              qt ->
                  qt.forAll(scenarios())
                      .checkAssert(
                          s -> {
                            try (SearchableCorpus corpus = s.corpus().load()) {

                              var results =
                                  corpus.query(
                                      s.principal().tenant(), s.clearance(), s.query(), s.topK());

                              for (SearchableCorpus.Result r : results) {
                                assertTrue(
                                    Clearance.permits(s.clearance(), r.document().classification()),
                                    r.document() + " is above " + s.clearance());
                              }
                            }
                          }));
    }

    @Test
    void matchingIdsGrowWithClearanceByExactlyTheNewlyReadableDocuments() {
      PropertyCheck.classLevel(Invariant.CLEARANCE)
          .check(
              qt ->
                  qt.forAll(scenarios())
                      .checkAssert(
                          s -> {
                            TenantScope tenant = s.principal().tenant();
                            int all = s.corpus().size() + 1; // every match, not a top_k
                            try (SearchableCorpus corpus = s.corpus().load()) {

                              Map<Classification, Set<String>> matching =
                                  new EnumMap<>(Classification.class);
                              for (Classification c : Classification.values()) {
                                Set<String> ids = new TreeSet<>();
                                corpus
                                    .query(tenant, c, s.query(), all)
                                    .forEach(r -> ids.add(r.document().docId()));
                                matching.put(c, ids);
                              }

                              Set<String> everything = matching.get(Classification.RESTRICTED);
                              for (Classification c : Classification.values()) {
                                Set<String> expected = new TreeSet<>();
                                for (String id : everything) {
                                  Classification level =
                                      s.corpus().get(s.tenant(), id).orElseThrow().classification();
                                  if (Clearance.permits(c, level)) {
                                    expected.add(id);
                                  }
                                }
                                assertEquals(expected, matching.get(c), "matching ids at " + c);
                              }
                            }
                          }));
    }
  }

  @Nested
  class Documents {
    @Test
    void noDocumentAboveTheClearanceIsReadable() {
      PropertyCheck.classLevel(Invariant.CLEARANCE)
          .check(
              qt ->
                  qt.forAll(scenarios())
                      .checkAssert(
                          s -> {
                            try (SearchableCorpus corpus = s.corpus().load()) {
                              for (Corpus.Entry e : s.corpus().entries()) {

                                Optional<Document> read =
                                    corpus.get(s.principal().tenant(), e.docId(), s.clearance());

                                Optional<Document> expected =
                                    s.corpus()
                                        .get(s.tenant(), e.docId())
                                        .filter(
                                            d ->
                                                Clearance.permits(
                                                    s.clearance(), d.classification()));
                                assertEquals(expected, read, "read of " + e.docId());
                              }
                            }
                          }));
    }

    @Test
    void noDocumentAboveTheClearanceIsDeletable() {
      PropertyCheck.classLevel(Invariant.CLEARANCE)
          .check(
              qt ->
                  qt.forAll(scenarios())
                      .checkAssert(
                          s -> {
                            TenantScope tenant = s.principal().tenant();
                            try (SearchableCorpus corpus = s.corpus().load()) {
                              for (Corpus.Entry e : aboveClearance(s)) {
                                Optional<Document> held = Optional.of(e.document());

                                SearchableCorpus.DeleteResult result =
                                    corpus.remove(tenant, e.docId(), s.clearance());

                                assertEquals(SearchableCorpus.DeleteResult.NOT_FOUND, result);
                                assertEquals(
                                    held,
                                    corpus.get(tenant, e.docId(), Classification.RESTRICTED),
                                    e.docId() + " is gone");
                              }
                            }
                          }));
    }
  }

  /** The principal's own tenant's documents above its clearance. */
  private static java.util.List<Corpus.Entry> aboveClearance(
      dev.retrievalgateway.properties.testsupport.Scenario s) {
    return s.corpus()
        .filter(
            e ->
                e.tenant().equals(s.tenant())
                    && !Clearance.permits(s.clearance(), e.classification()))
        .entries();
  }
}
