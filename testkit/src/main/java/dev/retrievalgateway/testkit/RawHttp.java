package dev.retrievalgateway.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over a plain socket (or TLS for an {@code https} base), for what an HTTP client library
 * will not send as written: path variants ({@code //query}, {@code /%71uery}, dot segments),
 * oversized request lines and headers, malformed request lines, raw header bytes, wrong lengths,
 * requests in pieces. The one raw client of the test modules.
 *
 * <pre>{@code
 * RawHttp raw = new RawHttp(gateway.baseUri());
 * RawResponse r = raw.send(RawRequest.of("GET", "//health").bytes());
 * try (RawHttp.Connection c = raw.open()) {
 *   c.send("GET /health HTTP/1.1\r\n");
 *   assertTrue(c.closedWithin(Duration.ofSeconds(5)));
 * }
 * }</pre>
 *
 * <p>Hand-written because every client library (REST Assured, the JDK's HttpClient) normalises
 * exactly the things these tests need to send unnormalised. A server may answer before it has read
 * the whole request (a declared body over the limit gets its {@code 413} at once) and close: the
 * rest of the upload then fails as it would for any client, and the answer is still read.
 */
public final class RawHttp {
  private static final int TIMEOUT_MILLIS = 30_000;
  private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final URI base;

  public RawHttp(URI base) {
    this.base = base;
  }

  /** Sends {@code request} exactly as given and reads the one response. */
  public RawResponse send(byte[] request) {
    return send(request, null);
  }

  /** Sends {@code head}, then {@code body} (may be null), and reads the one response. */
  public RawResponse send(byte[] head, byte[] body) {
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
    try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head);
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // The server answered early and closed: its answer is still there to read.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no HTTP response from the target (" + e.getClass().getSimpleName() + ")", e);
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

  /** The {@code Host} header value for the base URL: host, and port when it names one. */
  public String hostHeader() {
    return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
  }

  /**
   * One raw socket to the server: send bytes in as many pieces as a test needs, then read what the
   * server answers until it closes the connection.
   */
  public static final class Connection implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
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
          } catch (SocketTimeoutException e) {
            // nothing yet: read again until the deadline
          }
        }
        return true;
      } catch (SocketException e) {
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
      List<Integer> statuses = new ArrayList<>();
      Matcher m = STATUS.matcher(new String(received(), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        statuses.add(Integer.parseInt(m.group(1)));
      }
      return statuses;
    }

    /** The first response received, parsed. */
    public RawResponse firstResponse() {
      try {
        return parse(received(), true);
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

  /** Reads until one response is complete: its declared length, its last chunk, or the close. */
  private static RawResponse read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        all.write(chunk, 0, n);
        RawResponse response = parse(all.toByteArray(), false);
        if (response != null) {
          return response;
        }
      }
    } catch (SocketException e) {
      // reset after the response: what arrived is the answer
    }
    return parse(all.toByteArray(), true);
  }

  /**
   * The response in {@code bytes}, or null while it is incomplete and more may come; once the
   * connection is {@code closed}, what arrived is the answer, and no status line at all fails.
   */
  private static RawResponse parse(byte[] bytes, boolean closed) throws IOException {
    int end = indexOf(bytes, END_OF_HEAD, 0);
    if (end < 0) {
      if (closed) {
        throw new IOException("connection closed before a response (" + bytes.length + " bytes)");
      }
      return null;
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers
          .computeIfAbsent(name, n -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    int start = end + END_OF_HEAD.length;
    byte[] body;
    List<String> length = headers.getOrDefault("content-length", List.of());
    if (headers.getOrDefault("transfer-encoding", List.of()).stream()
        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      body = dechunk(bytes, start);
      if (body == null) {
        if (closed) {
          throw new IOException("connection closed before the last chunk");
        }
        return null;
      }
    } else if (!length.isEmpty()) {
      int stop = start + Integer.parseInt(length.get(0));
      if (bytes.length < stop && !closed) {
        return null;
      }
      body = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, stop));
    } else if (closed) {
      body = Arrays.copyOfRange(bytes, start, bytes.length);
    } else {
      return null;
    }
    headers.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return new RawResponse(
        Integer.parseInt(statusLine[1]), Collections.unmodifiableMap(headers), body);
  }

  /** A chunked body from {@code start}, or null when its last chunk has not arrived. */
  private static byte[] dechunk(byte[] bytes, int start) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] crlf = {'\r', '\n'};
    int at = start;
    while (true) {
      int lineEnd = indexOf(bytes, crlf, at);
      if (lineEnd < 0) {
        return null;
      }
      String size = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      at = lineEnd + 2;
      if (n == 0) {
        // trailers: none expected; the body is complete at the blank line that ends them
        return indexOf(bytes, crlf, at) < 0 ? null : body.toByteArray();
      }
      if (bytes.length < at + n + 2) {
        return null;
      }
      body.write(bytes, at, n);
      at += n + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i + pattern.length <= data.length; i++) {
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
