package dev.retrievalgateway.emulator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Calls the emulator's Invoke API as the AWS CLI does: {@code POST} the payload, read the answer.
 */
public final class InvokeClient {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private InvokeClient() {}

  public static HttpResponse<String> invoke(URI endpoint, String function, String payload) {
    return invoke(endpoint, function, payload, "RequestResponse");
  }

  public static HttpResponse<String> invoke(
      URI endpoint, String function, String payload, String invocationType) {
    HttpRequest request =
        HttpRequest.newBuilder(
                endpoint.resolve("/2015-03-31/functions/" + function + "/invocations"))
            .header("X-Amz-Invocation-Type", invocationType)
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
