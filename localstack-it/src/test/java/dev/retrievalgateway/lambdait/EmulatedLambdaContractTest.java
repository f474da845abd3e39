package dev.retrievalgateway.lambdait;

import dev.retrievalgateway.contract.ContractSuite;
import dev.retrievalgateway.emulator.LambdaEmulator;
import dev.retrievalgateway.lambdait.testsupport.ContractParameters;
import dev.retrievalgateway.lambdait.testsupport.DevIssuerProcess;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import org.junit.jupiter.api.Test;

/**
 * The client contract suite against the Lambda zip under emulation, through the API Gateway HTTP
 * API front: the same suite that runs against the local server, unchanged, in both identity modes.
 */
class EmulatedLambdaContractTest {

  @Test
  void holdsTheClientContractInHeaderMode() {
    try (LambdaEmulator main = GatewayLambdas.headerMode("contract-header").start();
        LambdaEmulator limited =
            GatewayLambdas.lowLimits(GatewayLambdas.headerMode("contract-header-limited"))
                .start()) {

      ContractSuite.assertPasses(ContractParameters.headerMode(main, limited));
    }
  }

  @Test
  void holdsTheClientContractInJwtModeWithTokensFromTheDevelopmentIssuer() {
    try (DevIssuerProcess issuer =
            DevIssuerProcess.start(GatewayLambdas.workDir().resolve("contract-jwt-issuer"));
        LambdaEmulator main = GatewayLambdas.jwtMode("contract-jwt", issuer).start();
        LambdaEmulator limited =
            GatewayLambdas.lowLimits(GatewayLambdas.jwtMode("contract-jwt-limited", issuer))
                .start()) {

      ContractSuite.assertPasses(ContractParameters.jwtMode(main, limited, issuer));
    }
  }
}
