package dev.retrievalgateway.access;

import java.util.regex.Pattern;

/**
 * The one rule for the names a principal is made of: its user, its tenant and its role. 1 to
 * {@value #MAX_LENGTH} characters of {@code [a-z0-9._-]}, starting with a letter or digit, taken
 * exactly as sent (no case folding, no trimming). It lives beside {@link Role} because both the
 * identity resolvers (users, tenants) and the configuration (role names) apply it, and neither
 * depends on the other.
 */
public final class PrincipalName {
  public static final int MAX_LENGTH = 64;

  /** The rule in words, for configuration errors. */
  public static final String RULE = "1 to " + MAX_LENGTH + " characters of [a-z0-9._-]";

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

  private PrincipalName() {}

  /** Whether {@code name} is a valid user, tenant or role name; null is not. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
