package dev.retrievalgateway.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Header;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Answers a connection whose first line is not an HTTP/1.1 request line ({@code GET /health
 * HTTP/1.0}, {@code GARBAGE}, a TLS hello) with {@code 400} in the contract's envelope, then closes
 * it. Without it, Helidon's HTTP/1.1 selector declines such a connection and Helidon closes it
 * without a word; the contract wants every malformed request answered.
 *
 * <p>Written by hand because Helidon has no hook for "no protocol matched"; it mirrors the test
 * Helidon's own HTTP/1.1 selector applies (the first line ends with {@code " HTTP/1.1\r"}).
 */
final class MalformedPrologueSelector implements ServerConnectionSelector {
  private static final int LF = '\n';

  @Override
  public int bytesToIdentifyConnection() {
    return 0;
  }

  @Override
  public Support supports(BufferData request) {
    int lineEnd = request.indexOf((byte) LF);
    if (lineEnd == -1) {
      return Support.UNSUPPORTED; // an incomplete line is HTTP/1.1's to judge (it then limits it)
    }
    String line = request.readString(lineEnd, StandardCharsets.US_ASCII);
    return line.endsWith(" HTTP/1.1\r") ? Support.UNSUPPORTED : Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return Set.of();
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    return new ServerConnection() {
      @Override
      public void handle(io.helidon.common.concurrency.limits.Limit limit) {
        RequestContext request = new RequestContext(UUID.randomUUID().toString(), null);
        byte[] body =
            ErrorMapper.envelope(
                ErrorCode.BAD_REQUEST, ErrorCode.BAD_REQUEST.defaultMessage(), request.requestId);
        StringBuilder head =
            new StringBuilder("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n");
        for (Header header : GatewayHeaders.standard(request.requestId, request.traceId)) {
          head.append(header.name()).append(": ").append(header.get()).append("\r\n");
        }
        head.append("Connection: close\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        ctx.dataWriter().writeNow(BufferData.create(response));
        request.logRequest(null, ErrorCode.BAD_REQUEST.status().code());
      }

      @Override
      public Duration idleTime() {
        return Duration.ZERO;
      }

      @Override
      public void close(boolean interrupt) {}
    };
  }
}
