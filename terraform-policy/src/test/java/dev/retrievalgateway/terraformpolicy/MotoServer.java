package dev.retrievalgateway.terraformpolicy;

import dev.retrievalgateway.testkit.ChildProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** moto_server on a free loopback port, for the length of one test class. */
final class MotoServer implements AutoCloseable {
  private final ChildProcess process;
  private final int port;

  private MotoServer(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts it and waits until it accepts connections; call {@link Scripts#assumeTool} first. */
  static MotoServer start() {
    int port = ChildProcess.freePort();
    MotoServer moto =
        new MotoServer(
            ChildProcess.start(
                new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))),
            port);
    try {
      moto.process.await(
          "moto_server listening on " + port, Duration.ofSeconds(60), () -> accepts(port));
      return moto;
    } catch (AssertionError e) {
      moto.close();
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
  public void close() {
    process.close();
  }
}
