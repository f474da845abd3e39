package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.contract.ContractSuite;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The suite against a target that keeps the contract in behaviour but serves a minimal OpenAPI
 * document (no {@code components}, no declared error responses), as an independent implementation
 * might: every behavioural test still runs and passes, because responses are checked against the
 * project's document, and only the one test of the served document fails. The HTTP layer's tests
 * included: the front relays every other connection byte for byte ({@link MinimalDocumentFront}).
 */
class MinimalDocumentTargetTest {
  private static final Set<String> DOCUMENT_CHECK =
      Set.of("EndpointsAcceptanceTest.servesTheProjectsOpenApiDocumentAsYamlByDefault(Api)");

  @Test
  void failsOnlyTheDocumentCheckAgainstATargetServingAMinimalDocument() throws Exception {
    try (InProcess gateways = new InProcess()) {
      InProcess.Gateways started = gateways.start();
      try (MinimalDocumentFront front = MinimalDocumentFront.in(started.main())) {

        TestExecutionSummary summary =
            ContractSuite.run(
                Map.of(
                    "contract.baseUrl", front.baseUri().toString(),
                    "contract.limits.baseUrl", started.limited().toString(),
                    "contract.limits.throttleBurst", Integer.toString(InProcess.THROTTLE_BURST),
                    "contract.limits.maxDocuments", Integer.toString(InProcess.MAX_DOCUMENTS)));

        Map<String, String> failures = ContractSuite.failures(summary);
        assertEquals(DOCUMENT_CHECK, failures.keySet(), "the tests that failed: " + failures);
        assertTrue(
            summary.getTestsSucceededCount() > 90,
            "the behavioural tests ran: " + summary.getTestsSucceededCount() + " passed");
      }
    }
  }
}
