package dev.retrievalgateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retrievalgateway.identity.SingleHeader;
import dev.retrievalgateway.observe.AuditLog;
import dev.retrievalgateway.search.StoreUnavailableException;
import io.helidon.http.BadRequestException;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.NotFoundException;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;

/**
 * The only place where a failure becomes a status code and the contract's envelope {@code
 * {"error":{"code","message"},"request_id"}}, and the only place that sees exceptions from
 * libraries. Covers both routed requests and the errors Helidon answers before routing (bad request
 * line, oversized headers or body), so no framework default page ever reaches a client.
 */
final class ErrorMapper {

  /** Registers the error handlers on the routing. */
  void register(HttpRouting.Builder routing) {
    routing.error(ApiException.class, this::apiError);
    routing.error(
        NotFoundException.class,
        (req, res, e) -> apiError(req, res, ApiException.of(ErrorCode.NOT_FOUND)));
    routing.error(RequestException.class, this::requestError);
    routing.error(StoreUnavailableException.class, this::storeUnavailable);
    // Helidon parses some headers lazily (Accept, Content-Type) and raises this when one is
    // malformed: the client's error, whichever handler asked.
    routing.error(
        BadRequestException.class,
        (req, res, e) -> apiError(req, res, ApiException.of(ErrorCode.BAD_REQUEST)));
    routing.error(Throwable.class, this::internalError);
  }

  private void apiError(ServerRequest req, ServerResponse res, ApiException e) {
    send(res, RequestContext.of(req), e);
  }

  private void requestError(ServerRequest req, ServerResponse res, RequestException e) {
    // Raised by Helidon while a handler reads the request, e.g. a chunked body over the limit.
    send(res, RequestContext.of(req), ApiException.of(requestErrorCode(e)));
  }

  private static ErrorCode requestErrorCode(RequestException e) {
    return e.status().code() == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
  }

  /**
   * The answer to a failure while a handler reads the request body: the gateway's own {@link
   * ApiException} as it is; Helidon's {@link RequestException} for a chunked body over the limit as
   * {@code 413}; anything else (a bad or oversized chunk size, a chunk line ending in LF alone, a
   * client that closed before the declared length, a body past its deadline) as a body that could
   * not be read.
   */
  static ApiException bodyReadFailure(Exception e) {
    if (e instanceof ApiException api) {
      return api;
    }
    if (e instanceof RequestException request
        && requestErrorCode(request) == ErrorCode.PAYLOAD_TOO_LARGE) {
      return ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE);
    }
    return ApiException.of(
        ErrorCode.BAD_REQUEST,
        "The request body could not be read as framed, in full and in time.");
  }

  private void storeUnavailable(
      ServerRequest req, ServerResponse res, StoreUnavailableException e) {
    // Fail closed: no partial answer, and nothing of the library's failure reaches the client.
    RequestContext ctx = RequestContext.of(req);
    AuditLog.storeUnavailable(ctx.ids(), ctx.route, e.category().wireName(), e.operation());
    send(res, ctx, ApiException.of(ErrorCode.UNAVAILABLE).withHeader(HeaderNames.RETRY_AFTER, "5"));
  }

  private void internalError(ServerRequest req, ServerResponse res, Throwable failure) {
    RequestContext ctx = RequestContext.of(req);
    AuditLog.error(ctx.ids(), ctx.route, failure);
    send(res, ctx, ApiException.of(ErrorCode.INTERNAL));
  }

  /** Writes the envelope for {@code e}, with the headers every response carries. */
  static void send(ServerResponse res, RequestContext ctx, ApiException e) {
    if (res.isSent()) {
      return;
    }
    res.status(e.code().status());
    RequestLogFilter.standardHeaders(res, ctx);
    for (Header header : e.headers()) {
      res.header(header);
    }
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.send(envelope(e.code(), e.getMessage(), ctx.requestId));
  }

  static byte[] envelope(ErrorCode code, String message, String requestId) {
    ObjectNode body = Json.newObject();
    ObjectNode error = body.putObject("error");
    error.put("code", code.code());
    error.put("message", message);
    body.put("request_id", requestId);
    return Json.write(body);
  }

  /** Handlers for errors Helidon raises before routing: answered in the envelope too. */
  static DirectHandlers directHandlers() {
    DirectHandler handler = ErrorMapper::direct;
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  private static DirectHandler.TransportResponse direct(
      DirectHandler.TransportRequest request,
      DirectHandler.EventType type,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    ErrorCode code = directCode(type, status, message);
    // Such a request never reaches the filter: its context, and so its request event, start here.
    RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), callerTraceId(request));
    ctx.logRequest(request.method().isEmpty() ? null : request.method(), code.status().code());
    DirectHandler.TransportResponse.Builder response =
        DirectHandler.TransportResponse.builder()
            .status(code.status())
            .headers(headers)
            .header(HeaderValues.CONTENT_TYPE_JSON);
    GatewayHeaders.standard(ctx.requestId, ctx.traceId).forEach(response::header);
    return response.entity(envelope(code, code.defaultMessage(), ctx.requestId)).build();
  }

  static ErrorCode directCode(DirectHandler.EventType type, Status status, String message) {
    int code = status.code();
    if (code == 413) {
      return ErrorCode.PAYLOAD_TOO_LARGE;
    }
    if (code == 414) {
      return ErrorCode.URI_TOO_LONG;
    }
    if (code == 431 || (message != null && message.contains("Header size exceeded"))) {
      return ErrorCode.HEADERS_TOO_LARGE;
    }
    if (type == DirectHandler.EventType.BAD_REQUEST
        || type == DirectHandler.EventType.HTTP_VERSION_NOT_SUPPORTED) {
      // Helidon answers a request framing it does not implement (Transfer-Encoding: gzip,
      // chunked) with 501, and a request line of HTTP/1.0 that reached its parser (one that
      // arrived in pieces, so MalformedPrologueSelector never saw it whole) with a bare 500; for
      // the contract both are malformed requests.
      return ErrorCode.BAD_REQUEST;
    }
    if (code >= 500) {
      return ErrorCode.INTERNAL;
    }
    return ErrorCode.BAD_REQUEST;
  }

  /** The caller's X-Trace-Id as sent, or null; {@link RequestContext} applies the trace id rule. */
  private static String callerTraceId(DirectHandler.TransportRequest request) {
    try {
      return SingleHeader.value(request.headers(), GatewayHeaders.TRACE_ID).orElse(null);
    } catch (RuntimeException e) {
      return null; // headers may be unparsed for a malformed request: no caller trace id then
    }
  }
}
