package dev.retrievalgateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client address that throttles requests without a valid identity: the socket's peer. Never a
 * header a client can set ({@code X-Forwarded-For} and friends are ignored).
 */
class ClientAddress {

  /** The address to throttle this request under. */
  String of(ServerRequest req) {
    if (req.remotePeer().address() instanceof InetSocketAddress socket
        && socket.getAddress() != null) {
      return socket.getAddress().getHostAddress();
    }
    return "unknown";
  }

  /** Copies the Lambda request ids into the context; none on a plain listener. */
  void lambdaIds(ServerRequest req, RequestContext ctx) {}

  /**
   * The loopback listener the Lambda adapter talks to: every request on it comes from the adapter,
   * which sets API Gateway's {@code sourceIp} and the request ids in headers of its own after
   * removing any copy a client sent. A missing or malformed value is treated as absent, never
   * repaired, so that nothing odd reaches a log line or a throttle key.
   */
  static final class BehindLambdaAdapter extends ClientAddress {
    private static final HeaderName SOURCE_IP =
        HeaderNames.create(GatewayRouting.ADAPTER_SOURCE_IP);
    private static final HeaderName AWS_REQUEST_ID =
        HeaderNames.create(GatewayRouting.ADAPTER_AWS_REQUEST_ID);
    private static final HeaderName APIGW_REQUEST_ID =
        HeaderNames.create(GatewayRouting.ADAPTER_APIGW_REQUEST_ID);
    // An IPv4 or IPv6 literal, as API Gateway writes sourceIp.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    // Lambda's request ids are UUIDs; API Gateway's are base64-like (e.g. "JKJaXmPLvHcESHA=").
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._=+/-]{1,128}");

    @Override
    String of(ServerRequest req) {
      return single(req, SOURCE_IP, IP_LITERAL).orElse("unknown");
    }

    @Override
    void lambdaIds(ServerRequest req, RequestContext ctx) {
      ctx.awsRequestId = single(req, AWS_REQUEST_ID, REQUEST_ID).orElse(null);
      ctx.apigwRequestId = single(req, APIGW_REQUEST_ID, REQUEST_ID).orElse(null);
    }

    private static Optional<String> single(ServerRequest req, HeaderName name, Pattern shape) {
      if (!req.headers().contains(name) || req.headers().get(name).valueCount() != 1) {
        return Optional.empty();
      }
      String value = req.headers().get(name).get();
      return shape.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
  }
}
