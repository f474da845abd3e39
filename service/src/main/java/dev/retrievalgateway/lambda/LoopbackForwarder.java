package dev.retrievalgateway.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Forwards one API Gateway event to the gateway's loopback listener and translates the answer back.
 * A failure to reach the listener is thrown, so that Lambda reports a function error and API
 * Gateway answers its own 500, as it does for any failed function.
 */
final class LoopbackForwarder {
  private final URI base;
  private final HttpClient client;

  LoopbackForwarder(URI base) {
    this.base = base;
    // HTTP/1.1 only (the gateway serves no HTTP/2); no redirects, cookies or proxy: the client must
    // pass the gateway's answer through untouched.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  APIGatewayV2HTTPResponse forward(APIGatewayV2HTTPEvent event, String awsRequestId) {
    HttpRequest request = RequestTranslation.toRequest(base, event, awsRequestId);
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return ResponseTranslation.toEvent(response);
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway's loopback listener did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while forwarding to the gateway", e);
    }
  }
}
