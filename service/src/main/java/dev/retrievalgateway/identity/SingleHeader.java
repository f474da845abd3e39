package dev.retrievalgateway.identity;

import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import java.util.Optional;

/**
 * The one rule for a header the gateway reads as a single value: present exactly once, else none. A
 * repeated header is never joined or narrowed to one of its copies, because which copy a proxy or a
 * client library would pick differs. It lives in {@code identity}, the lowest package that reads
 * headers, so that both the identity resolvers and the HTTP layer apply the same rule.
 */
public final class SingleHeader {
  private SingleHeader() {}

  /** The value of {@code name} when the request carries it exactly once. */
  public static Optional<String> value(Headers headers, HeaderName name) {
    if (!headers.contains(name)) {
      return Optional.empty();
    }
    var header = headers.get(name);
    return header.valueCount() == 1 ? Optional.of(header.get()) : Optional.empty();
  }
}
