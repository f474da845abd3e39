package dev.retrievalgateway.http;

import dev.retrievalgateway.access.DenialReason;
import dev.retrievalgateway.config.AuthMode;
import dev.retrievalgateway.identity.IdentityResolver;
import dev.retrievalgateway.identity.IdentityResult;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.observe.AuditLog;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import java.util.OptionalLong;

/**
 * Throttling and identity in the contract's order of checks (CONTRACT.md, "Order of checks"), in
 * front of every handler that needs a principal: throttle the client address of a request without a
 * valid identity, answer {@code 401} (or {@code 503} when the issuer's keys cannot be had), then
 * throttle the principal.
 */
final class IdentityGate {
  private final IdentityResolver resolver;
  private final AuthMode mode;
  private final Throttle principals;
  private final Throttle addresses;

  IdentityGate(IdentityResolver resolver, AuthMode mode, Throttle principals, Throttle addresses) {
    this.resolver = resolver;
    this.mode = mode;
    this.principals = principals;
    this.addresses = addresses;
  }

  /** The handler for {@code route}: identity and throttling first, then {@code handler}. */
  Handler guard(String route, PrincipalHandler handler) {
    return (req, res) -> {
      RequestContext ctx = RequestContext.of(req);
      ctx.route = route;
      IdentityResult result = resolver.resolve(req.headers());
      if (!(result instanceof IdentityResult.Verified verified)) {
        throttle(addresses, ctx.clientAddress, ctx);
        if (result instanceof IdentityResult.Unavailable) {
          throw ApiException.of(ErrorCode.UNAVAILABLE).withHeader(HeaderNames.RETRY_AFTER, "5");
        }
        IdentityResult.Rejected rejected = (IdentityResult.Rejected) result;
        AuditLog.accessDenied(
            ctx.ids(),
            DenialReason.UNAUTHENTICATED.wireName(),
            rejected.category(),
            route,
            ctx.who(),
            ctx.clientAddress);
        throw unauthenticated(rejected.bearerPresented());
      }
      Principal principal = verified.principal();
      ctx.principal = principal;
      throttle(principals, principal.identityKey(), ctx);
      handler.handle(req, res, principal);
    };
  }

  private ApiException unauthenticated(boolean bearerPresented) {
    ApiException e = ApiException.of(ErrorCode.UNAUTHENTICATED);
    if (mode == AuthMode.JWT) {
      return e.withHeader(
          HeaderNames.WWW_AUTHENTICATE,
          bearerPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
    return e;
  }

  private static void throttle(Throttle throttle, String key, RequestContext ctx) {
    OptionalLong wait = throttle.tryAcquire(key);
    if (wait.isPresent()) {
      AuditLog.throttled(ctx.ids(), ctx.route, ctx.who(), ctx.clientAddress);
      throw ApiException.of(ErrorCode.TOO_MANY_REQUESTS)
          .withHeader(HeaderNames.RETRY_AFTER, Long.toString(wait.getAsLong()));
    }
  }
}
