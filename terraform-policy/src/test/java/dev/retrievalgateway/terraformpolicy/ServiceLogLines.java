package dev.retrievalgateway.terraformpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.testsupport.LogCapture;
import dev.retrievalgateway.testsupport.RunningGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Log lines exactly as the service writes them: a real gateway on a free loopback port answers a
 * request without identity, and its {@code access_denied} and {@code request} lines are captured
 * from the JSON appender. The metric filter is checked against these, not a hand-written copy.
 */
final class ServiceLogLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The raw {@code access_denied} line, then the raw {@code request} line, of one 401. */
  static List<String> ofAnUnauthenticatedRequest() {
    try (LogCapture logs = LogCapture.attach();
        RunningGateway gateway = RunningGateway.builder().start()) {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/whoami")).build(),
                  HttpResponse.BodyHandlers.discarding());
      String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
      return List.of(line(logs, "access_denied", requestId), line(logs, "request", requestId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String line(LogCapture logs, String event, String requestId) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (String line : logs.text().split("\n")) {
        if (matches(line, event, requestId)) {
          return line;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the service wrote no " + event + " line for the request");
  }

  private static boolean matches(String line, String event, String requestId) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null
          && event.equals(node.path("event").asText())
          && requestId.equals(node.path("request_id").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private ServiceLogLines() {}
}
