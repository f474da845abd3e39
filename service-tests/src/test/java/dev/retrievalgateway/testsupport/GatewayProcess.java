package dev.retrievalgateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's {@link Main} in a child JVM, as an operator starts it: its own environment (every
 * inherited {@code GATEWAY_*} and {@code SERVER_*} variable removed), JVM options such as {@code
 * -Xmx}, and both output streams captured whole.
 *
 * <pre>{@code
 * try (GatewayProcess gw = GatewayProcess.builder().env("SERVER_PORT", "0").start()) {
 *   GatewayProcess.Exit exit = gw.awaitExit(Duration.ofSeconds(60));   // a start-up that fails
 *   URI base = gw.awaitStartup(Duration.ofSeconds(60));                // or one that serves
 * }
 * }</pre>
 */
public final class GatewayProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<Thread> pumps = new ArrayList<>();

  private GatewayProcess(Process process) {
    this.process = process;
    pumps.add(pump(process.getInputStream(), stdout));
    pumps.add(pump(process.getErrorStream(), stderr));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How a process ended: its exit code and everything it wrote. */
  public record Exit(int code, String stdout, String stderr) {
    /** The non-blank lines of standard output. */
    public List<String> stdoutLines() {
      return stdout.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Waits for the process to end by itself; stops it and fails the test when it does not. */
  public Exit awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("the gateway did not exit within " + timeout);
      }
      for (Thread pump : pumps) {
        pump.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Exit(process.exitValue(), stdout(), text(stderr));
  }

  /** Waits for the {@code startup} event and returns the base URI of the port it names. */
  public URI awaitStartup(Duration timeout) {
    JsonNode startup = awaitEvent("startup", timeout);
    return URI.create("http://127.0.0.1:" + startup.path("port").asInt());
  }

  /** Waits for the first line of {@code event} on standard output; fails when the process ends. */
  public JsonNode awaitEvent(String event, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<JsonNode> found = events(event).stream().findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "no " + event + " event (alive: " + process.isAlive() + "); stderr: " + text(stderr));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The standard-output lines of one event so far, parsed (lines that are not JSON are left out).
   */
  public List<JsonNode> events(String event) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : stdout().split("\n")) {
      try {
        JsonNode node = line.isBlank() ? null : JSON.readTree(line);
        if (node != null && event.equals(node.path("event").asText())) {
          events.add(node);
        }
      } catch (IOException e) {
        // a line still being written, or not JSON: not an event
      }
    }
    return events;
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

  /** Stops the process (SIGTERM, then SIGKILL after 30 s) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String text(ByteArrayOutputStream buffer) {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream into) {
    Thread thread =
        Thread.ofPlatform()
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
    return thread;
  }

  /** A child gateway's environment and JVM options. */
  public static final class Builder {
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private Builder() {}

    /** Sets an environment variable of the child (in Helidon's form, e.g. {@code SERVER_PORT}). */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Adds a JVM option, e.g. {@code -Xmx200m} or {@code -Dgateway.corpus.seed=none}. */
    public Builder jvm(String option) {
      jvmOptions.add(option);
      return this;
    }

    public GatewayProcess start() {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SERVER_"));
      environment.putAll(env);
      try {
        return new GatewayProcess(builder.start());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
