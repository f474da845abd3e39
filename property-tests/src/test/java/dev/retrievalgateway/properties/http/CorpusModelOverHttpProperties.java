package dev.retrievalgateway.properties.http;

import dev.retrievalgateway.properties.http.testsupport.HttpOperations;
import dev.retrievalgateway.properties.http.testsupport.TenantNames;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.properties.CorpusModel;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 7 over HTTP: random sequences of ingest, delete, get and query by several principals of
 * two tenants agree, after every request, with the model of what each principal may see and do (the
 * same model as the class-level property, {@code CorpusModelProperties}).
 */
@Tag("claim:tenant-isolation")
@Tag("claim:clearance")
class CorpusModelOverHttpProperties {
  private static final int EXAMPLES = 100;
  private static final int QUOTA = 4;

  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(
          TestGateway.empty().with("gateway.corpus.max.documents", Integer.toString(QUOTA)));

  @Nested
  class Sequences {
    @Test
    void everyResponseAgreesWithTheModelOfWhatEachPrincipalMaySee() {
      PropertyCheck.httpLevel(Invariant.MODEL, EXAMPLES)
          .forAllRuns(
              Generators.runs(),
              run -> {
                HttpOperations api = new HttpOperations(GATEWAY.http(), TenantNames.fresh());

                new CorpusModel(QUOTA).check(run.cast(), run.steps(), api);
              });
    }
  }
}
