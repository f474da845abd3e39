package dev.retrievalgateway.properties.http;

import static dev.retrievalgateway.properties.Generators.roles;
import static dev.retrievalgateway.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.properties.http.testsupport.HttpCorpus;
import dev.retrievalgateway.properties.http.testsupport.HttpOperations;
import dev.retrievalgateway.properties.http.testsupport.TenantNames;
import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.properties.testsupport.Clearance;
import dev.retrievalgateway.properties.testsupport.Invariant;
import dev.retrievalgateway.properties.testsupport.Operations;
import dev.retrievalgateway.properties.testsupport.PropertyCheck;
import dev.retrievalgateway.testsupport.Http;
import dev.retrievalgateway.testsupport.RunningGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 2 over HTTP: for one tenant and query, the set of all matching ids for intern ⊆ analyst
 * ⊆ admin, and each role sees nothing above its clearance.
 */
@Tag("claim:clearance")
class ClearanceOverHttpProperties {
  private static final int EXAMPLES = 100;
  private static final List<String> ROLES_BY_CLEARANCE = List.of("intern", "analyst", "admin");
  private static RunningGateway gateway;
  private static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.empty().start();
    http = new Http(gateway.baseUri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Nested
  class Search {
    @Test
    void matchingIdsOfInternAreAmongAnalystsWhichAreAmongAdmins() {
      PropertyCheck.httpLevel(Invariant.CLEARANCE, EXAMPLES)
          .check(
              qt ->
                  qt.forAll(scenarios(roles()))
                      .checkAssert(
                          s -> {
                            HttpOperations api = new HttpOperations(http, TenantNames.fresh());
                            HttpCorpus.load(s.corpus(), api);

                            List<Set<String>> matching = new ArrayList<>();
                            for (String name : ROLES_BY_CLEARANCE) {
                              Role role = GatewayConfig.defaultRoles().get(name);
                              Principal p =
                                  new Principal(
                                      s.principal().issuer(),
                                      s.principal().user(),
                                      s.principal().tenant(),
                                      role);
                              Set<String> ids = new TreeSet<>();
                              // top_k 50: more than a generated corpus holds, so every match.
                              for (Operations.Hit hit : api.query(p, s.query(), 50)) {
                                assertTrue(
                                    Clearance.permits(role.clearance(), hit.classification()),
                                    hit.docId() + " is above " + name);
                                ids.add(hit.docId());
                              }
                              matching.add(ids);
                            }

                            for (int i = 1; i < matching.size(); i++) {
                              Set<String> lower = matching.get(i - 1);
                              assertTrue(
                                  matching.get(i).containsAll(lower),
                                  ROLES_BY_CLEARANCE.get(i - 1)
                                      + " "
                                      + lower
                                      + " ⊄ "
                                      + ROLES_BY_CLEARANCE.get(i)
                                      + " "
                                      + matching.get(i));
                            }
                          }));
    }
  }
}
