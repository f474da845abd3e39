package dev.retrievalgateway.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;

/** Header names the gateway reads or writes beyond HTTP's standard ones. */
final class GatewayHeaders {
  static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
  static final HeaderName TRACE_ID = HeaderNames.create("X-Trace-Id");
  static final Header NO_STORE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store");
  static final Header NOSNIFF = HeaderValues.create(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");

  /**
   * The headers every response carries, whoever writes it: the filter, the error mapper, Helidon's
   * direct handlers, or the malformed-prologue answer.
   */
  static List<Header> standard(String requestId, String traceId) {
    return List.of(
        NO_STORE,
        NOSNIFF,
        HeaderValues.create(REQUEST_ID, requestId),
        HeaderValues.create(TRACE_ID, traceId));
  }

  private GatewayHeaders() {}
}
