package dev.retrievalgateway.contract.testsupport;

import java.util.Map;

/**
 * How a {@link Principal} is presented to the gateway: the identity headers in header mode, a
 * bearer token from a {@link TokenSource} in JWT mode. The suite is otherwise the same in both
 * modes.
 */
public sealed interface Credentials {
  /** The request headers that present {@code principal}. */
  Map<String, String> headers(Principal principal);

  AuthMode mode();

  /** The target's identity mode, as the contract names it ({@code gateway.auth.mode}). */
  enum AuthMode {
    HEADER,
    JWT;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Credentials headerMode() {
    return new IdentityHeaders();
  }

  static Credentials jwtMode(TokenSource tokens) {
    return new BearerTokens(tokens);
  }

  /** Header mode: {@code X-User}, {@code X-Tenant}, {@code X-Role}. */
  record IdentityHeaders() implements Credentials {
    @Override
    public Map<String, String> headers(Principal p) {
      return Map.of("X-User", p.user(), "X-Tenant", p.tenant(), "X-Role", p.role().wireName());
    }

    @Override
    public AuthMode mode() {
      return AuthMode.HEADER;
    }
  }

  /** JWT mode: {@code Authorization: Bearer <token>}, the token minted for the principal. */
  record BearerTokens(TokenSource tokens) implements Credentials {
    @Override
    public Map<String, String> headers(Principal p) {
      return Map.of("Authorization", "Bearer " + tokens.token(p));
    }

    @Override
    public AuthMode mode() {
      return AuthMode.JWT;
    }

    /** Never shows a token, even in a failure message that prints this object. */
    @Override
    public String toString() {
      return "BearerTokens[from " + tokens + "]";
    }
  }
}
