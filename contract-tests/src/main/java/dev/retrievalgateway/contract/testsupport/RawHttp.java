package dev.retrievalgateway.contract.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not send as written: path
 * variants ({@code //query}, {@code /%71uery}, dot segments), oversized request lines and headers,
 * malformed request lines, raw header bytes, chunked bodies. Every response is still checked
 * against the project's OpenAPI document, and every error by {@link ErrorHygiene}.
 *
 * <p>Hand-written because every client library (REST Assured, the JDK's HttpClient) normalises
 * exactly the things these tests need to send unnormalised.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MILLIS = 30_000;

  private final URI base;
  private final OpenApiCheck openApi;

  RawHttp(URI base, OpenApiCheck openApi) {
    this.base = base;
    this.openApi = openApi;
  }

  /** A response as read from the socket; header names are compared case-insensitively. */
  public record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("the response body is not JSON (" + body.length + " bytes)");
      }
    }
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
   * A request to a variant of a route's path ({@code //query}, {@code /%71uery}), whose answer is
   * checked against the OpenAPI document as an answer on {@code documentedPath}.
   */
  public RawResponse sendVariant(
      String method,
      String target,
      String documentedPath,
      Map<String, String> headers,
      byte[] body) {
    return send(
        method,
        target,
        documentedPath,
        headerBlock(headers, body == null ? -1 : body.length),
        body);
  }

  private RawResponse send(
      String method, String target, String documentedPath, String headerBlock, byte[] body) {
    byte[] head =
        (method + " " + target + " HTTP/1.1\r\n" + headerBlock + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    RawResponse response = exchange(head, body);
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
    RawResponse response = exchange(request, null);
    ErrorHygiene.check(
        response.status(), response.headers(), response.body(), ErrorHygiene.sentBy(request));
    return response;
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
    block.append("Host: ").append(hostHeader()).append("\r\n");
    block.append("Connection: close\r\n");
    headers.forEach((name, value) -> block.append(name).append(": ").append(value).append("\r\n"));
    if (contentLength >= 0) {
      block.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    return block.toString();
  }

  private String hostHeader() {
    return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
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

  private RawResponse exchange(byte[] head, byte[] body) {
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
    try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException e) {
          // The server may answer (413) and close before reading the whole body: read its answer.
        }
      }
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no HTTP response from the target (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static RawResponse read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line");
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    byte[] body;
    List<String> length = headers.getOrDefault("content-length", List.of());
    if (headers.getOrDefault("transfer-encoding", List.of()).stream()
        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      body = chunked(in);
    } else if (!length.isEmpty()) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    } else {
      body = in.readAllBytes();
    }
    headers.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return new RawResponse(status, Collections.unmodifiableMap(headers), body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers: none expected, skip them
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      throw new IOException("connection closed before the response was complete");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
