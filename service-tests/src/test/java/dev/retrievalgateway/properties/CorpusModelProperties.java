package dev.retrievalgateway.properties;

import static dev.retrievalgateway.testkit.properties.Generators.runs;

import dev.retrievalgateway.testkit.properties.CorpusModel;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
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
@Tag("claim:store-memory")
class CorpusModelProperties {
  /** Small, so that runs reach the quota. */
  static final int QUOTA = 4;

  @Nested
  class Sequences {
    @Test
    void everyStepAgreesWithTheModelOfWhatEachPrincipalMaySee() {
      PropertyCheck.classLevel(Invariant.MODEL)
          .forAllRuns(
              runs(),
              run -> {
                try (CorpusOperations gateway = new CorpusOperations(QUOTA)) {

                  new CorpusModel(QUOTA).check(run.cast(), run.steps(), gateway);
                }
              });
    }
  }
}
