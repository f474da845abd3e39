package dev.retrievalgateway.identity;

/** What an identity resolver concluded about a request's credentials. */
public sealed interface IdentityResult {

  /** The request carries a valid identity. */
  record Verified(Principal principal) implements IdentityResult {}

  /**
   * The request's identity is missing or invalid.
   *
   * @param category a fixed reason category for diagnostics (never input, never a library message)
   * @param bearerPresented whether a bearer token was presented (JWT mode: selects the {@code
   *     WWW-Authenticate} form)
   */
  record Rejected(String category, boolean bearerPresented) implements IdentityResult {}

  /** The identity could not be checked: the issuer's keys are unreachable and none is cached. */
  record Unavailable() implements IdentityResult {}
}
