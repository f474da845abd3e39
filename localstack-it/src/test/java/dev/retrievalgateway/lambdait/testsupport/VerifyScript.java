package dev.retrievalgateway.lambdait.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference client's 90-second verify ({@code examples/reference-client/verify.py}, Python
 * standard library only) against a base URL, as a user runs it.
 */
public final class VerifyScript {
  private VerifyScript() {}

  /** The script, when the repository has it. */
  public static Path path() {
    return GatewayLambdas.projectRoot().resolve("examples/reference-client/verify.py");
  }

  /** What one run printed and how it ended. */
  public record Run(int exitCode, String output) {}

  /** Runs the script against {@code baseUrl}; its output also lands in {@code log}. */
  public static Run against(URI baseUrl, Path log) {
    List<String> command =
        List.of(
            System.getenv().getOrDefault("PYTHON", "python3"),
            path().toString(),
            "--base-url",
            baseUrl.toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(GatewayLambdas.projectRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Run(-1, "verify.py did not finish within 5 minutes");
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
