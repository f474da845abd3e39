package dev.retrievalgateway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP client for the service's tests: well-formed requests through the JDK's client (the
 * test kit's {@link dev.retrievalgateway.testkit.RawHttp} sends the malformed ones a real client
 * refuses to send).
 *
 * <pre>{@code
 * Http http = new Http(gateway.baseUri());
 * RawResponse r = http.get("/whoami", Http.identity("demo", "tenant-a", "intern"));
 * assertEquals(200, r.status());
 * }</pre>
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;

  public Http(URI base) {
    this.base = base;
  }

  /** The header-mode identity headers, in order. */
  public static Map<String, String> identity(String user, String tenant, String role) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-User", user);
    h.put("X-Tenant", tenant);
    h.put("X-Role", role);
    return h;
  }

  public static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return h;
  }

  public RawResponse get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  public RawResponse delete(String path, Map<String, String> headers) {
    return send("DELETE", path, headers, null);
  }

  /** A POST with {@code Content-Type: application/json} unless the headers say otherwise. */
  public RawResponse postJson(String path, Map<String, String> headers, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.putAll(headers);
    return send("POST", path, h, body.getBytes(StandardCharsets.UTF_8));
  }

  public RawResponse send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
      return new RawResponse(response.statusCode(), responseHeaders, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
