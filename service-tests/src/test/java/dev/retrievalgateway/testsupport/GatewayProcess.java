package dev.retrievalgateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.Main;
import dev.retrievalgateway.testkit.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's {@link Main} in a child JVM, as an operator starts it: its own environment (every
 * inherited {@code GATEWAY_*} and {@code SERVER_*} variable removed), JVM options such as {@code
 * -Xmx}, and both output streams captured whole ({@link ChildProcess}).
 *
 * <pre>{@code
 * try (GatewayProcess gw = GatewayProcess.builder().env("SERVER_PORT", "0").start()) {
 *   ChildProcess.Exit exit = gw.awaitExit(Duration.ofSeconds(60));     // a start-up that fails
 *   URI base = gw.awaitStartup(Duration.ofSeconds(60));                // or one that serves
 * }
 * }</pre>
 */
public final class GatewayProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess process;

  private GatewayProcess(ChildProcess process) {
    this.process = process;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Waits for the process to end by itself; stops it and fails the test when it does not. */
  public ChildProcess.Exit awaitExit(Duration timeout) {
    return process.awaitExit(timeout);
  }

  /** Waits for the {@code startup} event and returns the base URI of the port it names. */
  public URI awaitStartup(Duration timeout) {
    JsonNode startup = awaitEvent("startup", timeout);
    return URI.create("http://127.0.0.1:" + startup.path("port").asInt());
  }

  /** Waits for the first line of {@code event} on standard output; fails when the process ends. */
  public JsonNode awaitEvent(String event, Duration timeout) {
    return process.await(event + " event", timeout, () -> events(event).stream().findFirst());
  }

  /**
   * The standard-output lines of one event so far, parsed (lines that are not JSON are left out).
   */
  public List<JsonNode> events(String event) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : process.stdout().split("\n")) {
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

  /** Everything written so far: standard output, then standard error. */
  public String output() {
    return process.stdout() + process.stderr();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the process (SIGTERM, then SIGKILL after 30 s) and waits for it. */
  @Override
  public void close() {
    process.close();
  }

  /** A child gateway's environment and JVM options. */
  public static final class Builder {
    private final ProcessBuilder builder = new ProcessBuilder();
    private final List<String> jvmOptions = new ArrayList<>();

    private Builder() {
      builder
          .environment()
          .keySet()
          .removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SERVER_"));
    }

    /** Sets an environment variable of the child (in Helidon's form, e.g. {@code SERVER_PORT}). */
    public Builder env(String name, String value) {
      builder.environment().put(name, value);
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
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
      return new GatewayProcess(ChildProcess.start(builder.command(command)));
    }
  }
}
