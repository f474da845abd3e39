package dev.retrievalgateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.identity.SingleHeader;
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
   * which sets API Gateway's request context and Lambda's invocation context in headers of its own
   * (AWS Lambda Web Adapter's, see {@link GatewayRouting#ADAPTER_REQUEST_CONTEXT}) after removing
   * any copy a client sent. A missing, repeated or malformed value, or a field of the wrong shape,
   * is treated as absent, never repaired, so that nothing odd reaches a log line or a throttle key.
   */
  static final class BehindLambdaAdapter extends ClientAddress {
    private static final HeaderName REQUEST_CONTEXT =
        HeaderNames.create(GatewayRouting.ADAPTER_REQUEST_CONTEXT);
    private static final HeaderName LAMBDA_CONTEXT =
        HeaderNames.create(GatewayRouting.ADAPTER_LAMBDA_CONTEXT);
    private static final ObjectMapper JSON = new ObjectMapper();
    // An IPv4 or IPv6 literal, as API Gateway writes sourceIp.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    // Lambda's request ids are UUIDs; API Gateway's are base64-like (e.g. "JKJaXmPLvHcESHA=").
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._=+/-]{1,128}");

    @Override
    String of(ServerRequest req) {
      return field(req, REQUEST_CONTEXT, "/http/sourceIp", IP_LITERAL).orElse("unknown");
    }

    @Override
    void lambdaIds(ServerRequest req, RequestContext ctx) {
      ctx.awsRequestId = field(req, LAMBDA_CONTEXT, "/request_id", REQUEST_ID).orElse(null);
      ctx.apigwRequestId = field(req, REQUEST_CONTEXT, "/requestId", REQUEST_ID).orElse(null);
    }

    /** The text at {@code pointer} in the one JSON value of header {@code name}, if well shaped. */
    private static Optional<String> field(
        ServerRequest req, HeaderName name, String pointer, Pattern shape) {
      Optional<String> header = SingleHeader.value(req.headers(), name);
      if (header.isEmpty()) {
        return Optional.empty();
      }
      JsonNode value;
      try {
        value = JSON.readTree(header.get()).at(pointer);
      } catch (JsonProcessingException e) {
        return Optional.empty(); // the message may quote the value: dropped, never logged
      }
      return value.isTextual() && shape.matcher(value.asText()).matches()
          ? Optional.of(value.asText())
          : Optional.empty();
    }
  }
}
