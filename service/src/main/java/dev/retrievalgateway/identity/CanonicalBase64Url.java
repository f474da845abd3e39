package dev.retrievalgateway.identity;

/**
 * The shape check a bearer token passes before anything parses it: exactly three non-empty segments
 * (a compact JWS), each canonical base64url as RFC 7515 uses it: only the alphabet {@code A-Z a-z
 * 0-9 - _}, no padding, no whitespace, a length that decodes to whole bytes, and the unused low
 * bits of the last character zero.
 *
 * <p>Written by hand because decoders (the JDK's and nimbus's alike) are lenient on purpose: they
 * ignore non-zero unused bits, so several spellings decode to the same bytes, and a token whose
 * signature was changed only in those bits would still verify. Rejecting every spelling but the
 * canonical one makes any change to a token's text a different token.
 */
final class CanonicalBase64Url {
  private CanonicalBase64Url() {}

  /** True when {@code token} is three canonical base64url segments joined by dots. */
  static boolean isCompactJws(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      return false;
    }
    return isCanonical(token, 0, first)
        && isCanonical(token, first + 1, second)
        && isCanonical(token, second + 1, token.length());
  }

  /** True when {@code text[from, to)} is non-empty canonical unpadded base64url. */
  static boolean isCanonical(String text, int from, int to) {
    int length = to - from;
    if (length == 0 || length % 4 == 1) {
      return false; // 4n+1 characters cannot encode whole bytes
    }
    for (int i = from; i < to; i++) {
      if (value(text.charAt(i)) < 0) {
        return false;
      }
    }
    int last = value(text.charAt(to - 1));
    return switch (length % 4) {
      case 2 -> (last & 0b1111) == 0; // one byte: 12 bits sent, the low 4 unused
      case 3 -> (last & 0b11) == 0; // two bytes: 18 bits sent, the low 2 unused
      default -> true; // whole groups of three bytes: no unused bits
    };
  }

  /** The 6-bit value of a base64url character, or -1 for anything else. */
  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    if (c == '_') {
      return 63;
    }
    return -1;
  }
}
