package dev.retrievalgateway.identity;

import io.helidon.http.Headers;

/** Who is asking? Derives the principal of a request from its headers, and nothing else. */
public interface IdentityResolver extends AutoCloseable {

  /** Resolves the identity that the request's headers carry. Never throws for bad input. */
  IdentityResult resolve(Headers headers);

  /** Releases what the resolver holds (JWT mode: the key set's refresh thread). */
  @Override
  default void close() {}
}
