package dev.retrievalgateway.identity;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * What a request's {@code Authorization} header holds, as RFC 6750 reads it: {@code Bearer}, in any
 * case, then one or more spaces, then the token. Only that header counts: a token in the URL or a
 * cookie is never looked at, because the resolver is never shown them.
 */
sealed interface BearerCredential {

  /** No bearer token: no {@code Authorization} header, another scheme, or the scheme alone. */
  record Absent() implements BearerCredential {}

  /** Credentials that cannot be one token: two {@code Authorization} headers. */
  record Malformed() implements BearerCredential {}

  /** One bearer token, not yet checked in any way. */
  record Token(String value) implements BearerCredential {
    @Override
    public String toString() {
      return "Token[redacted]"; // a token never reaches a log line, even by accident
    }
  }

  static BearerCredential from(Headers headers) {
    var single = SingleHeader.value(headers, HeaderNames.AUTHORIZATION);
    if (single.isEmpty()) {
      return headers.contains(HeaderNames.AUTHORIZATION) ? new Malformed() : new Absent();
    }
    String value = single.get();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("bearer")) {
      return new Absent();
    }
    int start = space < 0 ? value.length() : space;
    while (start < value.length() && value.charAt(start) == ' ') {
      start++;
    }
    if (start == value.length()) {
      return new Absent();
    }
    // Anything after the token (a second credential, a parameter, whitespace) stays in the value
    // and fails the canonical base64url check.
    return new Token(value.substring(start));
  }
}
