package dev.retrievalgateway.terraformpolicy;

import dev.retrievalgateway.testkit.ChildProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto_server on a free loopback port for the length of one test class ({@code @RegisterExtension
 * static final MotoServer moto = new MotoServer();}), started only where moto_server and the AWS
 * CLI are installed: a test calls {@link Scripts#assumeTool} for both before {@link #endpoint()}.
 */
final class MotoServer implements BeforeAllCallback, AfterAllCallback {
  private ChildProcess process;
  private int port;

  /** Starts it and waits until it accepts connections. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (!Scripts.onPath("moto_server") || !Scripts.onPath("aws")) {
      return;
    }
    port = ChildProcess.freePort();
    process =
        ChildProcess.start(
            new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port)));
    try {
      process.await(
          "moto_server listening on " + port, Duration.ofSeconds(60), () -> accepts(port));
    } catch (AssertionError e) {
      afterAll(context);
      throw e;
    }
  }

  private static Optional<Boolean> accepts(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return Optional.of(true);
    } catch (IOException notYet) {
      return Optional.empty();
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
