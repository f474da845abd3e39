package dev.retrievalgateway.lambda.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.LogCapture;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a log event. The {@code request} event is written when the request completes, which can
 * be a moment after the client has its response; polling (bounded) avoids a race, never a fixed
 * sleep.
 */
public final class LogEvents {
  private LogEvents() {}

  /** The lines of {@code event} for {@code requestId}, once there is at least one (5 s at most). */
  public static List<JsonNode> await(LogCapture logs, String event, String requestId) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<JsonNode> lines = logs.events(event, requestId);
    while (lines.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000L);
      lines = logs.events(event, requestId);
    }
    return lines;
  }
}
