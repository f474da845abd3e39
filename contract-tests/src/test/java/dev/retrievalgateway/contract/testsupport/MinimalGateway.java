package dev.retrievalgateway.contract.testsupport;

import dev.retrievalgateway.testkit.ChildProcess;
import dev.retrievalgateway.testkit.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The minimal independent implementation of the contract ({@code
 * examples/minimal-gateway/gateway.py}, Python's standard library only) as a child process on a
 * free loopback port, started and waited for until {@code /health} answers, stopped on {@link
 * #close}. Its log (JSON lines, no bodies or identities beyond a valid principal's names) goes to
 * {@code target/minimal-gateway/PORT.log}.
 *
 * <pre>{@code
 * try (MinimalGateway gateway = MinimalGateway.start("--throttle-burst", "3")) {
 *   ContractSuite.run(Map.of("contract.baseUrl", gateway.baseUri().toString()));
 * }
 * }</pre>
 */
final class MinimalGateway implements AutoCloseable {
  static final String PYTHON = "python3";
  private static final Path PROGRAM = Path.of("examples", "minimal-gateway", "gateway.py");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final ChildProcess process;
  private final URI baseUri;

  private MinimalGateway(ChildProcess process, URI baseUri) {
    this.process = process;
    this.baseUri = baseUri;
  }

  /** Whether {@code python3} runs here and is 3.11 or later (the version the program is for). */
  static boolean pythonAvailable() {
    try (ChildProcess check =
        ChildProcess.start(
            new ProcessBuilder(
                PYTHON, "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)"))) {
      return check.awaitExit(Duration.ofSeconds(20)).code() == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts the program with {@code options} (e.g. {@code --max-documents 2}) on a free port. */
  static MinimalGateway start(String... options) throws IOException {
    int port = ChildProcess.freePort();
    List<String> command = new ArrayList<>(List.of(PYTHON, program().toString()));
    command.addAll(List.of("--port", Integer.toString(port)));
    command.addAll(List.of(options));
    Path log = Path.of("target", "minimal-gateway", port + ".log");
    Files.createDirectories(log.getParent());
    MinimalGateway gateway =
        new MinimalGateway(
            ChildProcess.start(
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())),
            URI.create("http://127.0.0.1:" + port));
    try {
      gateway.process.await(
          "answer to /health from the minimal gateway (its log: " + log + ")",
          START_TIMEOUT,
          gateway::healthy);
      return gateway;
    } catch (RuntimeException | AssertionError e) {
      gateway.close();
      throw e;
    }
  }

  URI baseUri() {
    return baseUri;
  }

  /** The program, found from the working directory up (Surefire runs in the module's). */
  private static Path program() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(PROGRAM))) {
        return dir.resolve(PROGRAM);
      }
    }
    throw new IllegalStateException(PROGRAM + " is not in this directory or one above it");
  }

  private Optional<Boolean> healthy() {
    try {
      return new Http(baseUri).get("/health", Map.of()).status() == 200
          ? Optional.of(true)
          : Optional.empty();
    } catch (UncheckedIOException notYet) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
