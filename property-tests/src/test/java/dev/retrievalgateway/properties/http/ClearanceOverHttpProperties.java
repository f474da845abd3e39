package dev.retrievalgateway.properties.http;

import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.properties.http.testsupport.HttpCorpus;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.SearchInvariants;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 2 over HTTP: for one tenant and query, the set of all matching ids for intern ⊆ analyst
 * ⊆ admin, by exactly the documents each higher clearance adds, so that no role sees anything above
 * its clearance (written once, {@link SearchInvariants}, and run over the classes too).
 */
@Tag("claim:clearance")
class ClearanceOverHttpProperties {
  private static final int EXAMPLES = 100;
  private static final List<Role> ROLES_BY_CLEARANCE =
      Stream.of("intern", "analyst", "admin").map(GatewayConfig.defaultRoles()::get).toList();

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty());

  @Nested
  class Search {
    @Test
    void matchingIdsOfInternAreAmongAnalystsWhichAreAmongAdmins() {
      HttpCorpus.checkOnEveryScenario(
          Invariant.CLEARANCE,
          EXAMPLES,
          GATEWAY,
          (s, api) ->
              SearchInvariants.matchingIdsGrowWithClearanceByExactlyTheNewlyReadableDocuments(
                  s, api, ROLES_BY_CLEARANCE));
    }
  }
}
