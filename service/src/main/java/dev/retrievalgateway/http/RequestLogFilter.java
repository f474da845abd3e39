package dev.retrievalgateway.http;

import dev.retrievalgateway.observe.AuditLog;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.UUID;

/**
 * The first thing every routed request meets: a fresh request id, the trace id rule, the headers
 * every response carries, and exactly one {@code request} event when the request completes.
 */
final class RequestLogFilter implements Filter {
  private final ClientAddress clientAddress;

  RequestLogFilter(ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    ServerRequestHeaders headers = req.headers();
    String callerTrace =
        headers.contains(GatewayHeaders.TRACE_ID)
                && headers.get(GatewayHeaders.TRACE_ID).valueCount() == 1
            ? headers.get(GatewayHeaders.TRACE_ID).get()
            : null;
    RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), callerTrace);
    ctx.clientAddress = clientAddress.of(req);
    clientAddress.lambdaIds(req, ctx);
    req.context().register(ctx);
    standardHeaders(res, ctx);
    try {
      chain.proceed();
    } finally {
      AuditLog.request(
          ctx.ids(),
          req.prologue().method().text(),
          ctx.route,
          res.status().code(),
          ctx.elapsedMillis(),
          ctx.who(),
          ctx.awsRequestId,
          ctx.apigwRequestId);
    }
  }

  static void standardHeaders(io.helidon.webserver.http.ServerResponse res, RequestContext ctx) {
    GatewayHeaders.standard(ctx.requestId, ctx.traceId).forEach(res::header);
  }
}
