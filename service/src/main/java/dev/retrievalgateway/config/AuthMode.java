package dev.retrievalgateway.config;

/** How principals are derived: trusted headers (loopback only) or verified JWTs. */
public enum AuthMode {
  HEADER,
  JWT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
