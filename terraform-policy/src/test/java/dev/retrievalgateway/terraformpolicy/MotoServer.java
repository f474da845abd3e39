package dev.retrievalgateway.terraformpolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** moto_server on a free loopback port, for the length of one test class. */
final class MotoServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private MotoServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it and waits until it accepts connections; call {@link Scripts#assumeTool} first. */
  static MotoServer start() {
    int port = Scripts.freePort();
    try {
      Path log = Files.createTempFile("moto-server", ".log");
      Process p =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MotoServer moto = new MotoServer(p, log, port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto_server exited: " + Files.readString(log));
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return moto;
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      moto.close();
      throw new IllegalStateException("moto_server did not listen on " + port + " within 60 s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a temporary log left behind is harmless
    }
  }
}
