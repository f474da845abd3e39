package dev.retrievalgateway.terraformpolicy;

import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RunningGateway;
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
      return List.of(
          logs.awaitEventLine("access_denied", requestId),
          logs.awaitEventLine("request", requestId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ServiceLogLines() {}
}
