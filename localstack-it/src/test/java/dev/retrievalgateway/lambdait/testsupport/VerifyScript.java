package dev.retrievalgateway.lambdait.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference client's 90-second verify ({@code examples/reference-client/verify.py}, Python
 * standard library only) against a base URL, as a user runs it, with its transcript ({@code
 * --json}) where the evidence report reads it: {@code target/verify-<name>.json}.
 *
 * <pre>{@code
 * VerifyScript.Run run = VerifyScript.against(lambda.frontUri(), "lambda-header");
 * VerifyScript.Run run =
 *     VerifyScript.against(lambda.frontUri(), "lambda-jwt",
 *         "--mode", "jwt", "--token-cmd", issuer.tokenCommand());
 * }</pre>
 */
public final class VerifyScript {
  private VerifyScript() {}

  /** The script in this repository. */
  public static Path path() {
    return GatewayLambdas.projectRoot().resolve("examples/reference-client/verify.py");
  }

  /** What one run printed, how it ended, and where its transcript is. */
  public record Run(int exitCode, String output, Path transcript) {}

  /**
   * Runs the script against {@code baseUrl} with {@code options} (verify.py's own flags); its
   * transcript goes to {@code verify-<name>.json} in {@code verify.reportDir} (the module's target
   * folder), its console output to {@code verify-<name>.out} in the work folder.
   */
  public static Run against(URI baseUrl, String name, String... options) {
    Path transcript =
        Path.of(System.getProperty("verify.reportDir", "target"))
            .toAbsolutePath()
            .resolve("verify-" + name + ".json");
    Path log = GatewayLambdas.workDir().resolve("verify-" + name + ".out");
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getenv().getOrDefault("PYTHON", "python3"),
                path().toString(),
                "--base-url",
                baseUrl.toString(),
                "--json",
                transcript.toString()));
    command.addAll(List.of(options));
    try {
      // A transcript left by an earlier run must not stand in for this one.
      Files.deleteIfExists(transcript);
      Files.createDirectories(transcript.getParent());
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(GatewayLambdas.projectRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Run(-1, "verify.py did not finish within 5 minutes", transcript);
      }
      return new Run(
          process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), transcript);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
