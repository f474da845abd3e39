package dev.retrievalgateway.contract.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * A target that behaves exactly like the gateway behind it but serves a minimal OpenAPI document at
 * {@code GET /openapi} (no {@code components}, no declared error responses), as an independent
 * implementation of the contract might. Every other connection is a TCP relay: the bytes the client
 * sends reach the gateway as they came, in the chunks they came in, and the gateway's bytes come
 * back the same way, so the suite's HTTP-layer tests (raw request lines, oversized headers, early
 * closes) meet the gateway's own behaviour.
 *
 * <p>A byte relay rather than an HTTP proxy library because a library would parse, and so normalise
 * or refuse, exactly the malformed requests the suite sends on purpose.
 *
 * <p>Only the first request of a connection is looked at: a later one on the same connection
 * (keep-alive, pipelining) is relayed to the gateway unexamined, because finding where a request
 * ends takes parsing its framing ({@code Content-Length}, chunked bodies), which is what a faithful
 * relay must not do. The suite never meets that case: REST Assured opens a connection per request,
 * {@link RawHttp} sends {@code Connection: close}, and the minimal document is answered with {@code
 * Connection: close}.
 */
final class MinimalDocumentFront implements AutoCloseable {
  static final String MINIMAL_DOCUMENT =
      "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"An independent gateway\",\"version\":\"1\"},"
          + "\"paths\":{\"/health\":{\"get\":{\"responses\":{\"200\":{\"description\":\"up\"}}}}}}";

  private static final byte[] OPENAPI_REQUEST = "GET /openapi".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final URI upstream;
  private final Thread acceptor;

  private MinimalDocumentFront(URI upstream) throws IOException {
    this.upstream = upstream;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  static MinimalDocumentFront in(URI upstream) {
    try {
      return new MinimalDocumentFront(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on loopback", e);
    }
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofPlatform().daemon().start(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] start = readStart(in);
      if (isOpenApiRequest(start)) {
        answerWithMinimalDocument(start, in, client.getOutputStream());
        return;
      }
      try (Socket gateway = new Socket(upstream.getHost(), upstream.getPort())) {
        // The first bytes go on in one write, as they came: the gateway must see the client's
        // segments, not the relay's (it answers a request line split in two differently).
        gateway.getOutputStream().write(start);
        Thread toGateway = Thread.ofPlatform().daemon().start(() -> relay(in, gateway));
        relay(gateway.getInputStream(), client);
        // The gateway is done; the client reads its answer and closes, which ends the other
        // direction. Bounded, in case a client keeps an idle connection open.
        toGateway.join(30_000);
      }
    } catch (IOException | InterruptedException e) {
      // The client or the gateway went away: nothing left to relay.
    }
  }

  /**
   * Copies until end of stream, then half-closes {@code to}, as a direct connection would. When
   * {@code to} stops taking bytes (the gateway answered 413 and closed before the body was sent),
   * the rest is read and dropped, so that closing the client's socket with unread bytes never
   * resets the connection before the client has read the gateway's answer.
   */
  private static void relay(InputStream from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    boolean open = true;
    try {
      OutputStream out = to.getOutputStream();
      for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
        if (open) {
          try {
            out.write(buffer, 0, n);
            out.flush();
          } catch (IOException e) {
            open = false;
          }
        }
      }
      if (open) {
        to.shutdownOutput();
      }
    } catch (IOException e) {
      // The reading side closed: nothing more to copy.
    }
  }

  /**
   * The client's first bytes, read as they arrive (one read is usually its whole first segment)
   * until there are enough to tell whether the request is {@code GET /openapi}: more than that
   * prefix, a line end, or the end of the stream.
   */
  private static byte[] readStart(InputStream in) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int length = 0;
    while (length <= OPENAPI_REQUEST.length && !hasLineEnd(buffer, length)) {
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    return Arrays.copyOf(buffer, length);
  }

  private static boolean hasLineEnd(byte[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean isOpenApiRequest(byte[] start) {
    if (start.length <= OPENAPI_REQUEST.length) {
      return false;
    }
    for (int i = 0; i < OPENAPI_REQUEST.length; i++) {
      if (start[i] != OPENAPI_REQUEST[i]) {
        return false;
      }
    }
    byte next = start[OPENAPI_REQUEST.length];
    return next == ' ' || next == '?';
  }

  private static void answerWithMinimalDocument(byte[] start, InputStream in, OutputStream out)
      throws IOException {
    String head = readHead(new String(start, StandardCharsets.ISO_8859_1), in);
    boolean json = head.toLowerCase(Locale.ROOT).contains("\naccept: application/json");
    byte[] body = MINIMAL_DOCUMENT.getBytes(StandardCharsets.UTF_8);
    String id = UUID.randomUUID().toString();
    String response =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: "
            + (json ? "application/json" : "application/yaml")
            + "\r\nCache-Control: no-store\r\nX-Request-Id: "
            + id
            + "\r\nX-Trace-Id: "
            + id
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /** The request head: {@code start} and what follows, up to the blank line that ends it. */
  private static String readHead(String start, InputStream in) throws IOException {
    StringBuilder head = new StringBuilder(start);
    int b;
    while (head.indexOf("\r\n\r\n") < 0 && (b = in.read()) != -1) {
      head.append((char) b);
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
