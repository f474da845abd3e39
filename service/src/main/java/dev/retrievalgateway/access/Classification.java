package dev.retrievalgateway.access;

import java.util.Locale;
import java.util.Optional;

/** Document classifications, in increasing order of sensitivity. */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  /** The name used on the wire, in logs and in configuration: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when a principal cleared for {@code clearance} may read this classification. */
  public boolean isReadableWith(Classification clearance) {
    return compareTo(clearance) <= 0;
  }

  /** The classification with exactly this wire name (no case folding, no trimming). */
  public static Optional<Classification> fromWireName(String value) {
    for (Classification c : values()) {
      if (c.wireName().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
