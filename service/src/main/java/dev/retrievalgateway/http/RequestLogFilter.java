package dev.retrievalgateway.http;

import dev.retrievalgateway.identity.SingleHeader;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The first thing every routed request meets: a fresh request id, the trace id rule, the headers
 * every response carries, exactly one {@code request} event when the request completes, and the
 * decision whether the connection may carry another request.
 *
 * <p>The connection is closed after the response when the client sent {@code Connection: close}
 * (RFC 9112 section 9.6: no later request on it is processed), when the body could not be read as
 * framed, and when the request declared a body that was not read. Helidon 4.5 writes {@code
 * Connection: close} in the first case but goes on reading requests; and when a handler answers a
 * request with {@code Expect: 100-continue} without reading its body, Helidon assumes no body will
 * come and parses the bytes that do come as the next request. Closing is the one answer that cannot
 * be desynchronised.
 */
final class RequestLogFilter implements Filter {
  // UUID.randomUUID() draws from the JDK's shared NativePRNG, which reads /dev/urandom behind one
  // lock: it showed in profiles of every route. A DRBG (SP 800-90A, Hash_DRBG) seeded once is
  // in-memory, and still unguessable, so ids keep the strength randomUUID() gave them.
  private static final SecureRandom REQUEST_IDS = requestIdSource();

  private final ClientAddress clientAddress;
  private final ConnectionDeadlines deadlines;

  RequestLogFilter(ClientAddress clientAddress, ConnectionDeadlines deadlines) {
    this.clientAddress = clientAddress;
    this.deadlines = deadlines;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String callerTrace = SingleHeader.value(req.headers(), GatewayHeaders.TRACE_ID).orElse(null);
    RequestContext ctx = new RequestContext(newRequestId(), callerTrace);
    ctx.clientAddress = clientAddress.of(req);
    clientAddress.lambdaIds(req, ctx);
    ctx.connection = deadlines.of(req.remotePeer().address());
    ctx.connection.headReceived(req.content().hasEntity());
    req.context().register(ctx);
    standardHeaders(res, ctx);
    res.beforeSend(
        () -> {
          if (mustClose(req, ctx)) {
            res.header(HeaderValues.CONNECTION_CLOSE);
          }
        });
    try {
      chain.proceed();
    } finally {
      ctx.logRequest(req.prologue().method().text(), res.status().code());
      ctx.connection.responded();
    }
    if (res.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
      // The response is written, with Connection: close (set above, or by Helidon when the client
      // asked for it); this ends Helidon's loop over the connection's requests.
      throw new CloseConnectionException("connection closed after the response");
    }
  }

  /** The body is unread or broken: what follows on the connection cannot be trusted as framing. */
  private static boolean mustClose(RoutingRequest req, RequestContext ctx) {
    return ctx.closeConnection || (req.content().hasEntity() && !req.content().consumed());
  }

  /**
   * A random (version 4) UUID, as {@link UUID#randomUUID()} makes it, from {@link #REQUEST_IDS}.
   */
  static String newRequestId() {
    byte[] random = new byte[16];
    REQUEST_IDS.nextBytes(random);
    random[6] = (byte) ((random[6] & 0x0f) | 0x40); // version 4
    random[8] = (byte) ((random[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(random);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }

  private static SecureRandom requestIdSource() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      // Every JDK since 9 has DRBG; the platform default is the safe fallback.
      return new SecureRandom();
    }
  }

  static void standardHeaders(io.helidon.webserver.http.ServerResponse res, RequestContext ctx) {
    GatewayHeaders.standard(ctx.requestId, ctx.traceId).forEach(res::header);
  }
}
