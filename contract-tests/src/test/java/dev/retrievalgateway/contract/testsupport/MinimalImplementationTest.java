package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrievalgateway.contract.ContractSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The whole suite against a second implementation of the contract, written from CONTRACT.md alone
 * in another language ({@code examples/minimal-gateway/gateway.py}, see its README): the suite
 * tests the contract, not the Java gateway, when it fails there exactly where the two really
 * differ, each difference listed here with its reason, and passes everything else.
 *
 * <p>A main instance with the contract's default limits, and a second one with low limits for the
 * throttling and quota tests, as {@link InProcess} starts for the gateway.
 */
class MinimalImplementationTest {
  /** Where the minimal implementation differs, by the suite's test name, and why. */
  static final Map<String, String> KNOWN_DIFFERENCES =
      Map.of(
          "EndpointsAcceptanceTest.servesTheProjectsOpenApiDocumentAsYamlByDefault(Api)",
          "it serves an OpenAPI document of its own (its routes, no components, as JSON, which is"
              + " YAML too): Python's standard library has no YAML parser to turn the project's"
              + " openapi.yaml into the JSON form the contract also asks for");

  private static final String THROTTLE_BURST = "3";
  private static final String MAX_DOCUMENTS = "2";

  @Test
  void failsOnlyWhereItsBehaviourDiffersFromTheContract() throws Exception {
    assumeTrue(
        MinimalGateway.pythonAvailable(),
        "python3 3.11 or later is not on the PATH: the minimal implementation cannot run");
    try (MinimalGateway main = MinimalGateway.start();
        MinimalGateway limited =
            MinimalGateway.start(
                "--throttle-rate", "2",
                "--throttle-burst", THROTTLE_BURST,
                "--max-documents", MAX_DOCUMENTS)) {

      TestExecutionSummary summary =
          ContractSuite.run(
              Map.of(
                  "contract.baseUrl",
                  main.baseUri().toString(),
                  // It has header mode only, whatever the build's -Dcontract.mode says.
                  "contract.mode",
                  "header",
                  "contract.limits.baseUrl",
                  limited.baseUri().toString(),
                  "contract.limits.throttleBurst",
                  THROTTLE_BURST,
                  "contract.limits.maxDocuments",
                  MAX_DOCUMENTS));

      Map<String, String> failures = ContractSuite.failures(summary);
      assertEquals(
          KNOWN_DIFFERENCES.keySet(),
          failures.keySet(),
          "the tests that failed, beyond or short of the known differences: " + failures);
      // 241 pass as of this writing; the rest of the suite's tests are JWT mode's, skipped here.
      assertTrue(
          summary.getTestsSucceededCount() >= 200,
          "the behavioural tests ran: "
              + summary.getTestsSucceededCount()
              + " of "
              + summary.getTestsFoundCount()
              + " passed, "
              + summary.getTestsAbortedCount()
              + " skipped by an assumption");
    }
  }
}
