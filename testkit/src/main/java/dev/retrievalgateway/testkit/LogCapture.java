package dev.retrievalgateway.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures exactly what the process's JSON appender (the Logback appender named {@code JSON}, as
 * the service's {@code logback.xml} sets it up) writes to standard output: same encoder, same
 * masking, for every logger, from the moment it is attached until it is closed.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.attach()) {
 *   ... act ...
 *   assertThat(logs.text()).doesNotContain(canary);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root;

  private LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> json =
        (OutputStreamAppender<ILoggingEvent>) root.getAppender("JSON");
    Encoder<ILoggingEvent> encoder = json.getEncoder();
    appender.setContext(context);
    appender.setName("capture-" + System.identityHashCode(this));
    appender.setEncoder(encoder);
    appender.setOutputStream(buffer);
    appender.setImmediateFlush(true);
    appender.start();
    root.addAppender(appender);
  }

  public static LogCapture attach() {
    return new LogCapture();
  }

  /** Everything written so far, as text. */
  public synchronized String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every line written so far, parsed; fails the test if any line is not one JSON object. */
  public List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = parse(line);
      if (node == null || !node.isObject()) {
        throw new AssertionError(
            "log line is not a JSON object (line length " + line.length() + ")");
      }
      lines.add(node);
    }
    return lines;
  }

  /** The lines of one event, e.g. {@code request} or {@code access_denied}. */
  public List<JsonNode> events(String event) {
    return lines().stream().filter(n -> event.equals(n.path("event").asText())).toList();
  }

  /** The lines of one event for one request id. */
  public List<JsonNode> events(String event, String requestId) {
    return events(event).stream()
        .filter(n -> requestId.equals(n.path("request_id").asText()))
        .toList();
  }

  /**
   * Waits until the {@code event} line of request {@code requestId} is written, and returns it as
   * written. A request's events are written as it completes, which can be just after the client has
   * the response. Fails when it never comes.
   */
  public String awaitEventLine(String event, String requestId) {
    return awaitLine(
        node ->
            event.equals(node.path("event").asText())
                && requestId.equals(node.path("request_id").asText()),
        "no " + event + " event for request " + requestId);
  }

  /**
   * Waits until an {@code event} line whose {@code field} is {@code value} is written (for a
   * request that got no response to read its id from, say by its caller's trace id).
   */
  public JsonNode awaitEventWhere(String event, String field, String value) {
    return parse(
        awaitLine(
            node ->
                event.equals(node.path("event").asText())
                    && value.equals(node.path(field).asText()),
            "no " + event + " event with that " + field));
  }

  private String awaitLine(java.util.function.Predicate<JsonNode> wanted, String failure) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      for (String line : text().split("\n")) {
        JsonNode node = parse(line);
        if (node != null && wanted.test(node)) {
          return line;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** As {@link #awaitEventLine}, parsed. */
  public JsonNode awaitEvent(String event, String requestId) {
    return parse(awaitEventLine(event, requestId));
  }

  private static JsonNode parse(String line) {
    try {
      return line.isBlank() ? null : Json.tree(line);
    } catch (AssertionError e) {
      return null;
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    try {
      buffer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
