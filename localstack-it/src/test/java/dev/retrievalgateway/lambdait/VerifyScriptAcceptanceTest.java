package dev.retrievalgateway.lambdait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.emulator.LambdaEmulator;
import dev.retrievalgateway.lambdait.testsupport.DevIssuerProcess;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import dev.retrievalgateway.lambdait.testsupport.VerifyScript;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference client's verify against the Lambda zip under emulation, as against make run-local,
 * in both identity modes; the transcripts are target/verify-lambda-header.json and
 * verify-lambda-jwt.json, for the evidence report.
 */
@Tag("claim:target-emulated-lambda")
class VerifyScriptAcceptanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void passesTheReferenceClientsVerifyInHeaderMode() throws IOException {
    try (LambdaEmulator lambda = GatewayLambdas.headerMode("verify-header").start()) {

      VerifyScript.Run run = VerifyScript.against(lambda.frontUri(), "lambda-header");

      assertEquals(0, run.exitCode(), run.output());
      assertEveryCheckPassed(run, "header");
    }
  }

  @Test
  @Tag("claim:jwt-bearer-only") // its forged_identity check: identity headers alone are a 401
  void passesTheReferenceClientsVerifyInJwtModeWithTokensFromTheDevelopmentIssuer()
      throws IOException {
    try (DevIssuerProcess issuer =
            DevIssuerProcess.start(GatewayLambdas.workDir().resolve("verify-jwt-issuer"));
        LambdaEmulator lambda = GatewayLambdas.jwtMode("verify-jwt", issuer).start()) {

      VerifyScript.Run run =
          VerifyScript.against(
              lambda.frontUri(),
              "lambda-jwt",
              "--mode",
              "jwt",
              "--token-cmd",
              issuer.tokenCommand());

      assertEquals(0, run.exitCode(), run.output());
      assertEveryCheckPassed(run, "jwt");
    }
  }

  /** With a writer identity every check runs: none may be skipped, none may fail. */
  private static void assertEveryCheckPassed(VerifyScript.Run run, String mode) throws IOException {
    JsonNode transcript = JSON.readTree(run.transcript().toFile());
    assertEquals(mode, transcript.path("mode").asText());
    assertTrue(transcript.path("ok").asBoolean(false), run.output());
    assertEquals(0, transcript.path("failed").asInt(-1), run.output());
    assertEquals(0, transcript.path("skipped").asInt(-1), run.output());
    assertTrue(transcript.path("passed").asInt() >= 15, run.output());
  }
}
