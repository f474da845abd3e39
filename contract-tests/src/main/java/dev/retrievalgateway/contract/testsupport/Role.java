package dev.retrievalgateway.contract.testsupport;

import java.util.Locale;

/** The contract's default roles: the highest classification each reads, and whether it writes. */
public enum Role {
  INTERN(Classification.INTERNAL, false),
  ANALYST(Classification.CONFIDENTIAL, false),
  ADMIN(Classification.RESTRICTED, true);

  private final Classification clearance;
  private final boolean writer;

  Role(Classification clearance, boolean writer) {
    this.clearance = clearance;
    this.writer = writer;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Classification clearance() {
    return clearance;
  }

  public boolean writer() {
    return writer;
  }

  /** Whether this role may read a document of {@code classification} in its own tenant. */
  public boolean reads(Classification classification) {
    return classification.atOrBelow(clearance);
  }
}
