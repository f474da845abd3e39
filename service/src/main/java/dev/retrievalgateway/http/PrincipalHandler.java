package dev.retrievalgateway.http;

import dev.retrievalgateway.identity.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A handler that runs only for a verified, unthrottled principal. */
@FunctionalInterface
interface PrincipalHandler {
  void handle(ServerRequest req, ServerResponse res, Principal principal);
}
