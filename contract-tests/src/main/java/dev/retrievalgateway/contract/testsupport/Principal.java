package dev.retrievalgateway.contract.testsupport;

import java.util.regex.Pattern;

/**
 * Who the suite says it is: a user, a tenant and a role. How that reaches the gateway (identity
 * headers or a bearer token) is the target's {@link Credentials}.
 */
public record Principal(String user, String tenant, Role role) {
  /** The contract's rule for user and tenant names; also keeps them safe in a token command. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Principal {
    if (!NAME.matcher(user).matches() || !NAME.matcher(tenant).matches()) {
      throw new IllegalArgumentException("user and tenant must be 1 to 64 of [a-z0-9._-]");
    }
  }

  /** A name for test output that holds nothing secret. */
  @Override
  public String toString() {
    return role.wireName() + "@" + tenant + "/" + user;
  }
}
