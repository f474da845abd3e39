package dev.retrievalgateway.identity;

import dev.retrievalgateway.access.PrincipalName;
import dev.retrievalgateway.access.Role;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * Header mode: the principal is whatever {@code X-User}, {@code X-Tenant} and {@code X-Role} say.
 * It trusts the caller, so the gateway only runs it on a loopback listener. Values are taken
 * exactly: no trimming, case folding or normalisation; anything else is rejected, never repaired.
 *
 * <pre>
 * curl -s http://127.0.0.1:8000/whoami -H 'X-User: demo' -H 'X-Tenant: tenant-a' -H 'X-Role: intern'
 * </pre>
 */
public final class HeaderIdentity implements IdentityResolver {
  /** The issuer recorded for header-mode principals. */
  public static final String ISSUER = "header";

  static final HeaderName USER = HeaderNames.create("X-User");
  static final HeaderName TENANT = HeaderNames.create("X-Tenant");
  static final HeaderName ROLE = HeaderNames.create("X-Role");

  private final Map<String, Role> roles;

  public HeaderIdentity(Map<String, Role> roles) {
    this.roles = Map.copyOf(roles);
  }

  @Override
  public IdentityResult resolve(Headers headers) {
    Optional<String> user = SingleHeader.value(headers, USER).filter(PrincipalName::isValid);
    Optional<String> tenant = SingleHeader.value(headers, TENANT).filter(PrincipalName::isValid);
    Optional<Role> role = SingleHeader.value(headers, ROLE).map(roles::get);
    if (user.isEmpty() || tenant.isEmpty() || role.isEmpty()) {
      return new IdentityResult.Rejected("invalid_identity_headers", false);
    }
    return new IdentityResult.Verified(
        new Principal(ISSUER, user.get(), TenantScope.of(tenant.get()), role.get()));
  }
}
