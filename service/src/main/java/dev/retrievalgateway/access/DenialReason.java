package dev.retrievalgateway.access;

import java.util.Locale;

/** Why access was denied; the wire name is the {@code reason} of an {@code access_denied} event. */
public enum DenialReason {
  UNAUTHENTICATED,
  CLEARANCE,
  NOT_WRITER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
