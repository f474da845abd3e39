package dev.retrievalgateway.contract.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  private final Process process;
  private final URI baseUri;

  private MinimalGateway(Process process, URI baseUri) {
    this.process = process;
    this.baseUri = baseUri;
  }

  /** Whether {@code python3} runs here and is 3.11 or later (the version the program is for). */
  static boolean pythonAvailable() {
    try {
      Process check =
          new ProcessBuilder(
                  PYTHON, "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return check.waitFor(20, TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts the program with {@code options} (e.g. {@code --max-documents 2}) on a free port. */
  static MinimalGateway start(String... options) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(PYTHON, program().toString()));
    command.addAll(List.of("--port", Integer.toString(port)));
    command.addAll(List.of(options));
    Path log = Path.of("target", "minimal-gateway", port + ".log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MinimalGateway gateway = new MinimalGateway(process, URI.create("http://127.0.0.1:" + port));
    try {
      gateway.awaitHealth(log);
      return gateway;
    } catch (IOException | InterruptedException | RuntimeException e) {
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitHealth(Path log) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/health")).GET().build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the minimal gateway exited with " + process.exitValue() + "; its log: " + log);
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the minimal gateway did not answer /health within " + START_TIMEOUT + "; its log: " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
