package dev.retrievalgateway.properties;

import static dev.retrievalgateway.testkit.properties.Generators.changesOutside;
import static dev.retrievalgateway.testkit.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.testkit.properties.Change;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 3, against the service's classes: a principal's results (ids, order, and scores bit for
 * bit) do not change when a document outside its readable set (another tenant's, or above its
 * clearance) is added, changed or deleted; equivalently, they are the results of a corpus that
 * holds only the documents it may read.
 */
@Tag("claim:score-isolation")
@Tag("claim:store-memory")
class ScoreIsolationProperties {

  @Nested
  class Changes {
    @Test
    void resultsIgnoreAddsChangesAndDeletesOutsideTheReadableSet() {
      PropertyCheck.classLevel(Invariant.SCORE_ISOLATION)
          .check(
              qt ->
                  qt.forAll(scenarios().flatMap(s -> changesOutside(s).map(c -> new Changed(s, c))))
                      .checkAssert(
                          sc -> {
                            Scenario s = sc.scenario();
                            try (SearchableCorpus corpus = s.corpus().load()) {
                              List<String> before = results(corpus, s);

                              for (Change change : sc.changes()) {
                                change.apply(corpus);
                              }

                              assertEquals(before, results(corpus, s));
                            }
                          }));
    }
  }

  @Nested
  class Statistics {
    @Test
    void resultsAreThoseOfACorpusHoldingOnlyTheReadableDocuments() {
      PropertyCheck.classLevel(Invariant.SCORE_ISOLATION)
          .check(
              qt ->
                  qt.forAll(scenarios())
                      .checkAssert(
                          s -> {
                            Corpus readable =
                                s.corpus().filter(Corpus.isReadableBy(s.tenant(), s.clearance()));
                            try (SearchableCorpus full = s.corpus().load();
                                SearchableCorpus only = readable.load()) {

                              List<String> results = results(full, s);

                              assertEquals(results(only, s), results);
                            }
                          }));
    }
  }

  @Nested
  class Writes {
    @Test
    void resultsAfterAnyWritesAreThoseOfAFreshCorpusOfTheSameDocuments() {
      PropertyCheck.classLevel(Invariant.SCORE_ISOLATION)
          .check(
              qt ->
                  qt.forAll(scenarios().flatMap(s -> anyChanges(s).map(c -> new Changed(s, c))))
                      .checkAssert(
                          sc -> {
                            Scenario s = sc.scenario();
                            Corpus after = s.corpus();
                            try (SearchableCorpus corpus = s.corpus().load()) {

                              for (Change change : sc.changes()) {
                                change.apply(corpus);
                                after = change.applyTo(after);
                              }

                              try (SearchableCorpus fresh = after.load()) {
                                assertEquals(results(fresh, s), results(corpus, s));
                              }
                            }
                          }));
    }
  }

  /** The scenario's results as {@code id title score-bits}, in order. */
  static List<String> results(SearchableCorpus corpus, Scenario s) {
    List<String> out = new ArrayList<>();
    for (SearchableCorpus.Result r :
        corpus.query(s.principal().tenant(), s.clearance(), s.query(), s.topK())) {
      out.add(
          r.document().docId()
              + " "
              + r.document().title()
              + " "
              + Integer.toHexString(Float.floatToRawIntBits(r.score())));
    }
    return out;
  }

  record Changed(Scenario scenario, List<Change> changes) {}

  /** Changes anywhere: to the principal's readable documents too. */
  private static org.quicktheories.core.Gen<List<Change>> anyChanges(Scenario s) {
    return Generators.changes(s.corpus());
  }
}
