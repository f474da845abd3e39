package dev.retrievalgateway.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;
import java.util.ArrayList;
import java.util.List;

/**
 * A failure as a value: an error code, a fixed message (never request input) and any headers the
 * contract requires with it. Only {@link ErrorMapper} turns it into a response.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final List<Header> headers;

  private ApiException(ErrorCode code, String message, List<Header> headers) {
    super(message, null, false, false);
    this.code = code;
    this.headers = List.copyOf(headers);
  }

  public static ApiException of(ErrorCode code) {
    return new ApiException(code, code.defaultMessage(), List.of());
  }

  /** An error whose message says which rule the request broke; the message must be a constant. */
  public static ApiException of(ErrorCode code, String fixedMessage) {
    return new ApiException(code, fixedMessage, List.of());
  }

  public ApiException withHeader(HeaderName name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(HeaderValues.create(name, value));
    return new ApiException(code, getMessage(), more);
  }

  public ErrorCode code() {
    return code;
  }

  public List<Header> headers() {
    return headers;
  }
}
