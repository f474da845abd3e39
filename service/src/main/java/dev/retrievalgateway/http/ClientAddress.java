package dev.retrievalgateway.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;

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
}
