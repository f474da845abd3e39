package dev.retrievalgateway.lambdait;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.emulator.LambdaEmulator;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import dev.retrievalgateway.lambdait.testsupport.VerifyScript;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reference client's verify against the Lambda zip under emulation, as against make run-local.
 */
class VerifyScriptAcceptanceTest {

  @Test
  void passesTheReferenceClientsVerifyAgainstTheEmulatedLambda() {
    Assumptions.assumeTrue(
        Files.isRegularFile(VerifyScript.path()),
        "verify.py skipped: " + VerifyScript.path() + " does not exist yet");
    Path work = Path.of(System.getProperty("lambda.workDir", "target/lambda-it"), "verify");
    try (LambdaEmulator lambda = GatewayLambdas.headerMode("verify").start()) {

      VerifyScript.Run run = VerifyScript.against(lambda.frontUri(), work.resolve("verify.out"));

      assertEquals(0, run.exitCode(), run.output());
    }
  }
}
