package dev.retrievalgateway.identity;

import io.helidon.http.Headers;

/** Who is asking? Derives the principal of a request from its headers, and nothing else. */
public interface IdentityResolver {

  /** Resolves the identity that the request's headers carry. Never throws for bad input. */
  IdentityResult resolve(Headers headers);
}
