package dev.retrievalgateway.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request written byte by byte, for what a well-behaved client refuses to send
 * (repeated or non-ASCII identity headers, odd methods and paths, wrong lengths). It always carries
 * {@code Host} and {@code Connection: close}, and {@code Content-Length} when it has a body.
 *
 * <pre>{@code
 * byte[] bytes = RawRequest.of("POST", "/query").header("Content-Type", "application/json")
 *     .body("{}".getBytes(UTF_8)).bytes();
 * }</pre>
 */
public final class RawRequest {
  private final String method;
  private final String target;
  private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
  private byte[] body;

  private RawRequest(String method, String target) {
    this.method = method;
    this.target = target;
  }

  /** A request to a gateway on loopback ({@code Host: 127.0.0.1}). */
  public static RawRequest of(String method, String target) {
    return new RawRequest(method, target);
  }

  public RawRequest header(String name, String value) {
    return headerLines((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Header lines as they are, each ending in CRLF. */
  public RawRequest headerLines(byte[] lines) {
    headers.writeBytes(lines);
    return this;
  }

  /** A body, sent with its {@code Content-Length}. */
  public RawRequest body(byte[] body) {
    this.body = body;
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(headers.toByteArray());
    if (body != null) {
      out.writeBytes(
          ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
