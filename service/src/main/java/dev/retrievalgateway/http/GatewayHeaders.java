package dev.retrievalgateway.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

/** Header names the gateway reads or writes beyond HTTP's standard ones. */
final class GatewayHeaders {
  static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
  static final HeaderName TRACE_ID = HeaderNames.create("X-Trace-Id");
  static final Header NO_STORE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store");

  private GatewayHeaders() {}
}
