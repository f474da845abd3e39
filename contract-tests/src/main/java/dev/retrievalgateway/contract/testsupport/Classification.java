package dev.retrievalgateway.contract.testsupport;

import java.util.Locale;

/**
 * The contract's classifications, in order: {@code public < internal < confidential < restricted}.
 */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atOrBelow(Classification clearance) {
    return compareTo(clearance) <= 0;
  }

  public static Classification fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
