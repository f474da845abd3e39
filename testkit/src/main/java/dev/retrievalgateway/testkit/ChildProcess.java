package dev.retrievalgateway.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A program a test starts in a process of its own (the gateway's {@code Main}, the development
 * issuer, the minimal gateway, moto_server): both output streams read whole into memory, so that a
 * full pipe never stalls it and a failure can quote what it said; waited on until it is ready; and
 * stopped with every process it started.
 *
 * <pre>{@code
 * int port = ChildProcess.freePort();
 * try (ChildProcess moto = ChildProcess.start(new ProcessBuilder("moto_server", "-p", "" + port))) {
 *   moto.await("moto_server listening", Duration.ofSeconds(60), () -> accepts(port));
 * }
 * }</pre>
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<Thread> pumps;

  private ChildProcess(Process process) {
    this.process = process;
    this.pumps =
        List.of(pump(process.getInputStream(), stdout), pump(process.getErrorStream(), stderr));
  }

  /** Starts what the builder names (its environment and redirects as the caller set them). */
  public static ChildProcess start(ProcessBuilder builder) {
    try {
      return new ChildProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command().get(0), e);
    }
  }

  /** How a process ended: its exit code and everything it wrote. */
  public record Exit(int code, String stdout, String stderr) {
    /** The non-blank lines of standard output. */
    public List<String> stdoutLines() {
      return stdout.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Everything written to standard output so far. */
  public String stdout() {
    return text(stdout);
  }

  /** Everything written to standard error so far. */
  public String stderr() {
    return text(stderr);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Polls {@code ready} until it gives a value; fails, quoting the process's output, when the
   * process ends first or {@code timeout} passes.
   */
  public <T> T await(String what, Duration timeout, Supplier<Optional<T>> ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = ready.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "no "
                + what
                + (process.isAlive() ? " within " + timeout : ": the process exited")
                + "; stdout: "
                + stdout()
                + "; stderr: "
                + stderr());
      }
      sleep(50);
    }
  }

  /** Waits for the process to end by itself; stops it and fails the test when it does not. */
  public Exit awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("the process did not exit within " + timeout);
      }
      for (Thread pump : pumps) {
        pump.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Exit(process.exitValue(), stdout(), stderr());
  }

  /** Stops the process and those it started (SIGTERM, then SIGKILL after 30 s) and waits. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** A loopback port nothing listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String text(ByteArrayOutputStream buffer) {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream into) {
    return Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              byte[] chunk = new byte[8192];
              try (in) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                  synchronized (into) {
                    into.write(chunk, 0, n);
                  }
                }
              } catch (IOException e) {
                // the process ended: what was read is kept
              }
            });
  }
}
