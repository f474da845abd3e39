package dev.retrievalgateway.properties;

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
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

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
          .forAll(
              scenariosWith(Generators::changesOutside),
              changed -> {
                Scenario s = changed.scenario();
                try (SearchableCorpus corpus = s.corpus().load()) {
                  List<String> before = results(corpus, s);

                  changed.applyTo(corpus);

                  assertEquals(before, results(corpus, s));
                }
              });
    }
  }

  @Nested
  class Statistics {
    @Test
    void resultsAreThoseOfACorpusHoldingOnlyTheReadableDocuments() {
      PropertyCheck.classLevel(Invariant.SCORE_ISOLATION)
          .forAll(
              scenarios(),
              s -> {
                Corpus readable = s.corpus().filter(Corpus.isReadableBy(s.tenant(), s.clearance()));
                try (SearchableCorpus full = s.corpus().load();
                    SearchableCorpus only = readable.load()) {

                  List<String> results = results(full, s);

                  assertEquals(results(only, s), results);
                }
              });
    }
  }

  @Nested
  class Writes {
    @Test
    void resultsAfterAnyWritesAreThoseOfAFreshCorpusOfTheSameDocuments() {
      PropertyCheck.classLevel(Invariant.SCORE_ISOLATION)
          .forAll(
              scenariosWith(s -> Generators.changes(s.corpus())),
              changed -> {
                Scenario s = changed.scenario();
                try (SearchableCorpus corpus = s.corpus().load()) {

                  changed.applyTo(corpus);

                  try (SearchableCorpus fresh = changed.corpusAfter().load()) {
                    assertEquals(results(fresh, s), results(corpus, s));
                  }
                }
              });
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

  /** A scenario and changes to its corpus, applied in order. */
  record Changed(Scenario scenario, List<Change> changes) {
    void applyTo(SearchableCorpus corpus) {
      for (Change change : changes) {
        change.apply(corpus);
      }
    }

    /** The scenario's corpus once the changes are made. */
    Corpus corpusAfter() {
      Corpus after = scenario.corpus();
      for (Change change : changes) {
        after = change.applyTo(after);
      }
      return after;
    }
  }

  /** Each scenario with a list of changes that {@code changes} draws for it. */
  private static Gen<Changed> scenariosWith(Function<Scenario, Gen<List<Change>>> changes) {
    return scenarios().flatMap(s -> changes.apply(s).map(c -> new Changed(s, c)));
  }
}
