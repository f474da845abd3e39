package dev.retrievalgateway.http;

import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.observe.AuditLog;
import io.helidon.webserver.http.ServerRequest;
import java.util.regex.Pattern;

/**
 * What the gateway knows about one request as it travels: its ids, when it started, the route
 * template it matched and, once verified, its principal. Created by {@link RequestLogFilter}, or by
 * the direct handlers and the malformed-prologue answer for a request that is never routed.
 */
final class RequestContext {
  static final String UNMATCHED_ROUTE = "(unmatched)";
  private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  final String requestId;
  final String traceId;
  final long startNanos = System.nanoTime();
  volatile String route = UNMATCHED_ROUTE;
  volatile Principal principal;
  volatile String awsRequestId;
  volatile String apigwRequestId;
  volatile String clientAddress;
  volatile ConnectionDeadlines.Connection connection = ConnectionDeadlines.Connection.UNTRACKED;

  /** Set when the body could not be read as framed: the connection must not carry more. */
  volatile boolean closeConnection;

  RequestContext(String requestId, String callerTraceId) {
    this.requestId = requestId;
    this.traceId = acceptedTraceId(callerTraceId).orElse(requestId);
  }

  /** The caller's trace id when it is well formed; a rejected one is never logged or echoed. */
  static java.util.Optional<String> acceptedTraceId(String value) {
    return value != null && TRACE_ID.matcher(value).matches()
        ? java.util.Optional.of(value)
        : java.util.Optional.empty();
  }

  static RequestContext of(ServerRequest req) {
    return req.context()
        .get(RequestContext.class)
        .orElseThrow(() -> new IllegalStateException("request context missing"));
  }

  AuditLog.Ids ids() {
    return new AuditLog.Ids(requestId, traceId);
  }

  AuditLog.Who who() {
    Principal p = principal;
    return p == null
        ? AuditLog.Who.NOBODY
        : new AuditLog.Who(p.user(), p.tenant().name(), p.role().name());
  }

  /**
   * Writes the request's one {@code request} event, whoever answered it: the filter for routed
   * requests, the direct handlers and the malformed-prologue answer for the rest.
   */
  void logRequest(String method, int status) {
    AuditLog.request(
        ids(), method, route, status, elapsedMillis(), who(), awsRequestId, apigwRequestId);
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
