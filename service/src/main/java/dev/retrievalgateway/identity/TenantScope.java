package dev.retrievalgateway.identity;

import dev.retrievalgateway.access.PrincipalName;
import java.util.Objects;

/**
 * The tenant a store or an index may be asked about. Only the identity layer creates one (from a
 * verified principal), and the bootstrap that loads the demo corpus; an ArchUnit test holds the
 * rule, so no code below {@code http} can turn a request string into a tenant.
 */
public final class TenantScope {
  private final String name;

  private TenantScope(String name) {
    this.name = name;
  }

  /**
   * The scope of a tenant whose name has already been validated by an identity resolver.
   *
   * @throws IllegalArgumentException when the name is not a valid tenant name
   */
  public static TenantScope of(String name) {
    if (!PrincipalName.isValid(name)) {
      throw new IllegalArgumentException("not a valid tenant name");
    }
    return new TenantScope(name);
  }

  /** The tenant's name. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantScope other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
