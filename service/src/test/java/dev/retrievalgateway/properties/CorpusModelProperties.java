package dev.retrievalgateway.properties;

import static dev.retrievalgateway.properties.Generators.runs;

import dev.retrievalgateway.properties.testsupport.CorpusModel;
import dev.retrievalgateway.properties.testsupport.CorpusOperations;
import dev.retrievalgateway.properties.testsupport.Invariant;
import dev.retrievalgateway.properties.testsupport.PropertyCheck;
import dev.retrievalgateway.properties.testsupport.Run;
import dev.retrievalgateway.properties.testsupport.RunMinimizer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 7, against the service's classes: random sequences of ingest, delete, get and query by
 * several principals of two tenants agree, after every step, with a small model of what each
 * principal may see and do.
 */
@Tag("claim:tenant-isolation")
@Tag("claim:clearance")
class CorpusModelProperties {
  /** Small, so that runs reach the quota. */
  static final int QUOTA = 4;

  @Nested
  class Sequences {
    @Test
    void everyStepAgreesWithTheModelOfWhatEachPrincipalMaySee() {
      AtomicReference<Run> lastFailing = new AtomicReference<>();
      try {
        PropertyCheck.classLevel(Invariant.MODEL)
            .check(
                qt ->
                    qt.forAll(runs())
                        .checkAssert(
                            run -> {
                              try {
                                check(run);
                              } catch (AssertionError | RuntimeException e) {
                                lastFailing.set(run);
                                throw e;
                              }
                            }));
      } catch (AssertionError e) {
        if (lastFailing.get() == null) {
          throw e;
        }
        Run minimal = RunMinimizer.minimize(lastFailing.get(), Sequences::fails);
        throw new AssertionError(e.getMessage() + "\nThe same with steps removed:\n" + minimal, e);
      }
    }

    private static void check(Run run) {
      try (CorpusOperations gateway = new CorpusOperations(QUOTA)) {

        new CorpusModel(QUOTA).check(run.cast(), run.steps(), gateway);
      }
    }

    private static boolean fails(Run run) {
      try {
        check(run);
        return false;
      } catch (AssertionError | RuntimeException e) {
        return true;
      }
    }
  }
}
