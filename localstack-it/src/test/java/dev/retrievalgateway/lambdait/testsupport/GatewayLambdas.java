package dev.retrievalgateway.lambdait.testsupport;

import dev.retrievalgateway.emulator.LambdaEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's Lambda zip (the one {@code make package} builds) under the local emulator, each
 * with a work folder of its own under {@code target/lambda-it} (function output in {@code
 * function.log} there).
 *
 * <pre>{@code
 * try (LambdaEmulator lambda = GatewayLambdas.headerMode("contract").start()) {
 *   URI api = lambda.frontUri();
 * }
 * }</pre>
 */
public final class GatewayLambdas {
  public static final String HANDLER =
      "dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest";

  /** {@link #lowLimits}: the throttle burst and the per-tenant document quota. */
  public static final int LOW_THROTTLE_BURST = 3;

  public static final int LOW_MAX_DOCUMENTS = 2;

  private GatewayLambdas() {}

  /** The zip under test: from this build (system property {@code lambda.zip}). */
  public static Path zip() {
    Path zip =
        Path.of(System.getProperty("lambda.zip", "../service/target/gateway-lambda.zip"))
            .toAbsolutePath();
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("no Lambda zip at " + zip + ": run make package");
    }
    return zip;
  }

  /** The folder this module's tests work in ({@code target/lambda-it}). */
  public static Path workDir() {
    return Path.of(System.getProperty("lambda.workDir", "target/lambda-it")).toAbsolutePath();
  }

  /** The gateway function with no settings beyond its defaults (header mode is then refused). */
  public static LambdaEmulator.Builder function(String name) {
    Path work = workDir();
    return LambdaEmulator.builder()
        .zip(zip())
        .handler(HANDLER)
        .functionName("gateway")
        .timeout(Duration.ofSeconds(29))
        .workDir(work)
        .logFile(work.resolve(name).resolve("function.log"));
  }

  /** Header mode, with the opt-in that only the local emulation may set. */
  public static LambdaEmulator.Builder headerMode(String name) {
    return function(name).environment("GATEWAY_LAMBDA_INSECURE_HEADERMODE", "true");
  }

  /** JWT mode, trusting the tokens of {@code issuer}: the cloud's configuration, locally. */
  public static LambdaEmulator.Builder jwtMode(String name, DevIssuerProcess issuer) {
    return function(name)
        .environment("GATEWAY_AUTH_MODE", "jwt")
        .environment("GATEWAY_JWT_ISSUER", issuer.issuerUrl())
        .environment("GATEWAY_JWT_AUDIENCE", DevIssuerProcess.AUDIENCE)
        .environment("GATEWAY_JWT_JWKS_URL", issuer.jwksUrl());
  }

  /**
   * Low limits, for the contract suite's throttling and quota tests, and no demo corpus (the quota
   * counts a tenant's documents).
   */
  public static LambdaEmulator.Builder lowLimits(LambdaEmulator.Builder function) {
    return function
        .environment("GATEWAY_THROTTLE_RATE", "2")
        .environment("GATEWAY_THROTTLE_BURST", Integer.toString(LOW_THROTTLE_BURST))
        .environment("GATEWAY_CORPUS_MAX_DOCUMENTS", Integer.toString(LOW_MAX_DOCUMENTS))
        .environment("GATEWAY_CORPUS_SEED", "none");
  }

  /** The repository's root folder (for examples/reference-client/verify.py). */
  public static Path projectRoot() {
    return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  }
}
