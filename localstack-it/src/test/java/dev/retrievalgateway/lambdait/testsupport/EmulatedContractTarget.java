package dev.retrievalgateway.lambdait.testsupport;

import dev.retrievalgateway.contract.ContractSuite;
import dev.retrievalgateway.emulator.LambdaEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Lambda zip under emulation as the contract suite's target: a main function and one with
 * {@link GatewayLambdas#lowLimits low limits}, behind the emulated API Gateway front, in one
 * identity mode; the suite is pointed at them until {@link #close}.
 *
 * <pre>{@code
 * @BeforeSuite
 * static void start() {
 *   target = EmulatedContractTarget.jwtMode("contract-jwt");
 * }
 * }</pre>
 */
public final class EmulatedContractTarget implements AutoCloseable {
  /** Closed last first: the suite's parameters, the functions, then the issuer. */
  private final List<AutoCloseable> started;

  private EmulatedContractTarget(List<AutoCloseable> started) {
    this.started = started;
  }

  public static EmulatedContractTarget headerMode(String name) {
    List<AutoCloseable> started = new ArrayList<>();
    return open(
        started,
        () -> {
          LambdaEmulator main = start(started, GatewayLambdas.headerMode(name));
          LambdaEmulator limited =
              start(
                  started, GatewayLambdas.lowLimits(GatewayLambdas.headerMode(name + "-limited")));
          return ContractParameters.headerMode(main, limited);
        });
  }

  /** JWT mode, with tokens from a development issuer of its own. */
  public static EmulatedContractTarget jwtMode(String name) {
    List<AutoCloseable> started = new ArrayList<>();
    return open(
        started,
        () -> {
          DevIssuerProcess issuer =
              DevIssuerProcess.start(GatewayLambdas.workDir().resolve(name + "-issuer"));
          started.add(issuer);
          LambdaEmulator main = start(started, GatewayLambdas.jwtMode(name, issuer));
          LambdaEmulator limited =
              start(
                  started,
                  GatewayLambdas.lowLimits(GatewayLambdas.jwtMode(name + "-limited", issuer)));
          return ContractParameters.jwtMode(main, limited, issuer);
        });
  }

  private interface Parameters {
    Map<String, String> start();
  }

  private static EmulatedContractTarget open(List<AutoCloseable> started, Parameters parameters) {
    EmulatedContractTarget target = new EmulatedContractTarget(started);
    try {
      started.add(ContractSuite.target(parameters.start()));
      return target;
    } catch (RuntimeException | Error e) {
      target.close();
      throw e;
    }
  }

  private static LambdaEmulator start(List<AutoCloseable> started, LambdaEmulator.Builder builder) {
    LambdaEmulator lambda = builder.start();
    started.add(lambda);
    return lambda;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the emulated contract target", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    started.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
