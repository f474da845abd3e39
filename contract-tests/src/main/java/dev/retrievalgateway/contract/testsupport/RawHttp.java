package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.testkit.RawResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The suite's raw requests: the test kit's {@link dev.retrievalgateway.testkit.RawHttp} (path
 * variants, oversized request lines and headers, malformed request lines, raw header bytes, chunked
 * bodies), with every response still checked against the project's OpenAPI document, and every
 * error by {@link ErrorHygiene}.
 */
public final class RawHttp {
  private final URI base;
  private final dev.retrievalgateway.testkit.RawHttp socket;
  private final OpenApiCheck openApi;

  RawHttp(URI base, OpenApiCheck openApi) {
    this.base = base;
    this.socket = new dev.retrievalgateway.testkit.RawHttp(base);
    this.openApi = openApi;
  }

  /** A request: method, the request target exactly as given, headers, and an optional body. */
  public RawResponse send(String method, String target, Map<String, String> headers, byte[] body) {
    return send(method, target, headerBlock(headers, body == null ? -1 : body.length), body);
  }

  /** A request whose header block (lines after the request line) the caller writes itself. */
  public RawResponse send(String method, String target, String headerBlock, byte[] body) {
    return send(method, target, pathOf(target), headerBlock, body);
  }

  /**
   * A request to {@code variant}, a variant of {@code route}'s path ({@code //query}, {@code
   * /%71uery}), whose answer is checked against the OpenAPI document as an answer on the route;
   * both paths are under the base URL's own path, as {@link #target} makes them.
   */
  public RawResponse sendVariant(
      String method, String variant, String route, Map<String, String> headers, byte[] body) {
    return send(
        method,
        target(variant),
        target(route),
        headerBlock(headers, body == null ? -1 : body.length),
        body);
  }

  private RawResponse send(
      String method, String target, String documentedPath, String headerBlock, byte[] body) {
    byte[] head =
        (method + " " + target + " HTTP/1.1\r\n" + headerBlock + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    RawResponse response = socket.send(head, body);
    openApi.check(documentedPath, method, response.status(), response.headers(), response.body());
    ErrorHygiene.check(
        response.status(),
        response.headers(),
        response.body(),
        ErrorHygiene.sentBy(concat(head, body)));
    return response;
  }

  /**
   * Bytes exactly as given, for requests that are not HTTP at all: no OpenAPI check, but an error
   * is still checked for a stack trace and an echo ({@link ErrorHygiene}).
   */
  public RawResponse sendBytes(byte[] request) {
    RawResponse response = socket.send(request);
    ErrorHygiene.check(
        response.status(), response.headers(), response.body(), ErrorHygiene.sentBy(request));
    return response;
  }

  /**
   * The same bytes as {@link #sendBytes}, written in pieces with a pause after each, so that they
   * reach the server in separate reads (segments), as a slow or fragmenting client sends them.
   */
  public RawResponse sendInPieces(List<byte[]> pieces, Duration pause) {
    try (dev.retrievalgateway.testkit.RawHttp.Connection connection = socket.open()) {
      for (byte[] piece : pieces) {
        connection.send(piece);
        sleep(pause);
      }
      assertTrue(connection.closedWithin(Duration.ofSeconds(30)), "answered and closed");
      RawResponse response = connection.firstResponse();
      byte[] request = pieces.stream().reduce(new byte[0], RawHttp::concat);
      ErrorHygiene.check(
          response.status(), response.headers(), response.body(), ErrorHygiene.sentBy(request));
      return response;
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static byte[] concat(byte[] head, byte[] body) {
    if (body == null) {
      return head;
    }
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  /** The standard lines: Host, Connection: close, Content-Length when there is a body. */
  public String headerBlock(Map<String, String> headers, int contentLength) {
    StringBuilder block = new StringBuilder();
    block.append("Host: ").append(socket.hostHeader()).append("\r\n");
    block.append("Connection: close\r\n");
    headers.forEach((name, value) -> block.append(name).append(": ").append(value).append("\r\n"));
    if (contentLength >= 0) {
      block.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    return block.toString();
  }

  private static String pathOf(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** The request target for {@code path} under the base URL's own path (e.g. an API stage). */
  public String target(String path) {
    String basePath = base.getPath() == null ? "" : base.getPath();
    return basePath + path;
  }
}
