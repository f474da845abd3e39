package dev.retrievalgateway.properties.http;

import static dev.retrievalgateway.testkit.properties.Generators.changesOutside;
import static dev.retrievalgateway.testkit.properties.Generators.roles;
import static dev.retrievalgateway.testkit.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.properties.http.testsupport.HttpCorpus;
import dev.retrievalgateway.properties.http.testsupport.HttpOperations;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Change;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.Scenario;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 3 over HTTP: the {@code results} of a principal's query, as JSON text (ids, order,
 * titles, snippets and the very digits of every score), do not change when documents outside its
 * readable set are added, replaced or deleted.
 */
@Tag("claim:score-isolation")
class ScoreIsolationOverHttpProperties {
  private static final int EXAMPLES = 100;

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty());

  record Changed(Scenario scenario, List<Change> changes) {}

  @Nested
  class Changes {
    @Test
    void resultsIgnoreAddsChangesAndDeletesOutsideTheReadableSet() {
      PropertyCheck.httpLevel(Invariant.SCORE_ISOLATION, EXAMPLES)
          .forAll(
              scenarios(roles()).flatMap(s -> changesOutside(s).map(c -> new Changed(s, c))),
              sc -> {
                Scenario s = sc.scenario();
                HttpOperations api = HttpCorpus.loadIntoFreshTenants(s.corpus(), GATEWAY.http());
                String before = results(api, s);

                for (Change change : sc.changes()) {
                  HttpCorpus.apply(change, api);
                }

                assertEquals(before, results(api, s));
              });
    }
  }

  private static String results(HttpOperations api, Scenario s) {
    RawResponse r = api.query(api.identity(s.principal()), s.query(), s.topK());
    assertEquals(200, r.status());
    JsonNode json = Json.tree(r.body());
    return json.path("results").toString();
  }
}
