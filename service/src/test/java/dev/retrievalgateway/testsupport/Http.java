package dev.retrievalgateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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
import java.util.Optional;

/**
 * A small HTTP client for tests: well-formed requests through the JDK's client, and raw bytes over
 * a socket for the malformed ones a real client refuses to send.
 *
 * <pre>{@code
 * Http http = new Http(gateway.baseUri());
 * Http.Response r = http.get("/whoami", Http.identity("demo", "tenant-a", "intern"));
 * assertEquals(200, r.status());
 * }</pre>
 */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  public Response get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  public Response delete(String path, Map<String, String> headers) {
    return send("DELETE", path, headers, null);
  }

  /** A POST with {@code Content-Type: application/json} unless the headers say otherwise. */
  public Response postJson(String path, Map<String, String> headers, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.putAll(headers);
    return send("POST", path, h, body.getBytes(StandardCharsets.UTF_8));
  }

  public Response send(String method, String path, Map<String, String> headers, byte[] body) {
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
      return new Response(response.statusCode(), responseHeaders, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code request} as raw bytes and reads one response (until close or its length). */
  public Response raw(byte[] request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (java.net.SocketException e) {
        // The server may answer (413, say) and close before it has read all we send: the
        // answer is still there to read.
      }
      return RawResponse.read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a raw connection, for requests sent in pieces or several on one socket. */
  public Connection open() {
    try {
      return new Connection(new Socket(base.getHost(), base.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One raw socket to the server: send bytes in as many pieces as a test needs, then read what the
   * server answers until it closes the connection.
   *
   * <pre>{@code
   * try (Http.Connection c = http.open()) {
   *   c.send("GET /health HTTP/1.1\r\n");
   *   assertTrue(c.closedWithin(Duration.ofSeconds(5)));
   * }
   * }</pre>
   */
  public static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    private Connection(Socket socket) {
      this.socket = socket;
    }

    /** Sends {@code bytes}; false when the server has already closed the connection. */
    public boolean send(byte[] bytes) {
      try {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    public boolean send(String text) {
      return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads until the server closes the connection or {@code limit} passes; true if it closed. A
     * deadline for the close, not a measurement: the server may close at any time before it.
     */
    public boolean closedWithin(Duration limit) {
      long deadline = System.nanoTime() + limit.toNanos();
      byte[] chunk = new byte[8192];
      try {
        while (!closed) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            return false;
          }
          socket.setSoTimeout((int) Math.max(1, Math.min(left, 200)));
          try {
            int n = socket.getInputStream().read(chunk);
            if (n < 0) {
              closed = true;
            } else {
              received.write(chunk, 0, n);
            }
          } catch (java.net.SocketTimeoutException e) {
            // nothing yet: read again until the deadline
          }
        }
        return true;
      } catch (java.net.SocketException e) {
        closed = true; // reset by the server: closed as well
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Everything the server has sent so far. */
    public byte[] received() {
      return received.toByteArray();
    }

    /** The status codes of the responses received so far, in order. */
    public List<Integer> statuses() {
      List<Integer> statuses = new java.util.ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3}) ")
              .matcher(new String(received(), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        statuses.add(Integer.parseInt(m.group(1)));
      }
      return statuses;
    }

    /** The first response received, parsed. */
    public Response firstResponse() {
      try {
        return RawResponse.read(new java.io.ByteArrayInputStream(received()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a test socket: nothing to do
      }
    }
  }

  /** A response: status, headers (names in lower case) and body. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("response body is not JSON (status " + status + ")");
      }
    }

    /** The error code of an envelope, e.g. {@code not_found}. */
    public String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  private static final class RawResponse {
    static Response read(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int headerEnd = -1;
      int contentLength = -1;
      while (true) {
        int n;
        try {
          n = in.read(chunk);
        } catch (java.net.SocketException e) {
          break; // reset after the response: what arrived is the answer
        }
        if (n < 0) {
          break;
        }
        all.write(chunk, 0, n);
        byte[] sofar = all.toByteArray();
        if (headerEnd < 0) {
          headerEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          if (headerEnd >= 0) {
            contentLength =
                contentLength(new String(sofar, 0, headerEnd, StandardCharsets.ISO_8859_1));
          }
        }
        if (headerEnd >= 0 && contentLength >= 0 && sofar.length >= headerEnd + 4 + contentLength) {
          break;
        }
      }
      byte[] bytes = all.toByteArray();
      if (headerEnd < 0) {
        return new Response(0, Map.of(), bytes);
      }
      String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        headers
            .computeIfAbsent(name, k -> new java.util.ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      int start = headerEnd + 4;
      int end = contentLength >= 0 ? Math.min(bytes.length, start + contentLength) : bytes.length;
      return new Response(status, headers, java.util.Arrays.copyOfRange(bytes, start, end));
    }

    private static int contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      return -1;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
      outer:
      for (int i = 0; i + pattern.length <= data.length; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (data[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
