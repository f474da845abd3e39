package dev.retrievalgateway.lambdait;

import dev.retrievalgateway.contract.ContractSuite;
import dev.retrievalgateway.emulator.LambdaEmulator;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client contract suite against the Lambda zip under emulation, through the API Gateway HTTP
 * API front: the same suite that runs against the local server, unchanged.
 */
class EmulatedLambdaContractTest {

  @Test
  void holdsTheClientContractInHeaderMode() {
    try (LambdaEmulator main = GatewayLambdas.headerMode("contract-header").start();
        LambdaEmulator limited =
            GatewayLambdas.headerMode("contract-header-limited")
                .environment("GATEWAY_THROTTLE_RATE", "2")
                .environment("GATEWAY_THROTTLE_BURST", "3")
                .environment("GATEWAY_CORPUS_MAX_DOCUMENTS", "2")
                .environment("GATEWAY_CORPUS_SEED", "none")
                .start()) {

      // contract.apiGatewayFront: the target sits behind API Gateway (here its emulation), which
      // answers on its own what it cannot parse or must buffer, and adds apigw-requestid.
      ContractSuite.assertPasses(
          Map.of(
              "contract.apiGatewayFront", "true",
              "contract.baseUrl", main.frontUri().toString(),
              "contract.mode", "header",
              "contract.limits.baseUrl", limited.frontUri().toString(),
              "contract.limits.throttleBurst", "3",
              "contract.limits.maxDocuments", "2"));
    }
  }
}
