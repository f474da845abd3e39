package dev.retrievalgateway.lambdait.testsupport;

import dev.retrievalgateway.emulator.LambdaEmulator;
import java.util.HashMap;
import java.util.Map;

/**
 * The contract suite's parameters (docs/contract.md) for the gateway behind the emulated API
 * Gateway front: a main function and one with {@link GatewayLambdas#lowLimits low limits}.
 *
 * <pre>{@code
 * ContractSuite.target(ContractParameters.jwtMode(main, limited, issuer));
 * }</pre>
 */
public final class ContractParameters {
  private ContractParameters() {}

  public static Map<String, String> headerMode(LambdaEmulator main, LambdaEmulator limited) {
    Map<String, String> parameters = behindTheFront(main, limited);
    parameters.put("contract.mode", "header");
    return parameters;
  }

  /** JWT mode, with tokens from the issuer's token command, one run per principal. */
  public static Map<String, String> jwtMode(
      LambdaEmulator main, LambdaEmulator limited, DevIssuerProcess issuer) {
    Map<String, String> parameters = behindTheFront(main, limited);
    parameters.put("contract.mode", "jwt");
    parameters.put("contract.tokenCmd", issuer.tokenCommand());
    return parameters;
  }

  private static Map<String, String> behindTheFront(LambdaEmulator main, LambdaEmulator limited) {
    Map<String, String> parameters = new HashMap<>();
    // The target sits behind API Gateway (here its emulation), which answers on its own what it
    // cannot parse or must buffer, and adds apigw-requestid.
    parameters.put("contract.apiGatewayFront", "true");
    parameters.put("contract.baseUrl", main.frontUri().toString());
    parameters.put("contract.limits.baseUrl", limited.frontUri().toString());
    parameters.put(
        "contract.limits.throttleBurst", Integer.toString(GatewayLambdas.LOW_THROTTLE_BURST));
    parameters.put(
        "contract.limits.maxDocuments", Integer.toString(GatewayLambdas.LOW_MAX_DOCUMENTS));
    return parameters;
  }
}
