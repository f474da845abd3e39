package dev.retrievalgateway.identity;

import dev.retrievalgateway.access.Role;
import java.util.Objects;

/**
 * Who is asking: a user of one tenant, acting in one role. Its identity is {@code (issuer, user,
 * tenant)}: the same user name in two tenants (or from two issuers) is two principals.
 *
 * @param issuer who vouched for the principal: {@code header} in header mode, the token's {@code
 *     iss} in JWT mode
 * @param user the user name ({@code X-User}, or the token's {@code sub})
 * @param tenant the tenant the principal belongs to
 * @param role the principal's role
 */
public record Principal(String issuer, String user, TenantScope tenant, Role role) {
  public Principal {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
  }

  /** A key that is equal for two requests exactly when they come from the same principal. */
  public String identityKey() {
    return issuer.length() + ":" + issuer + "|" + user + "|" + tenant.name();
  }
}
