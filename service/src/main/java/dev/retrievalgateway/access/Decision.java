package dev.retrievalgateway.access;

import java.util.Optional;

/** The outcome of an access check: allowed, or denied with its reason. */
public record Decision(Optional<DenialReason> denial) {
  private static final Decision ALLOW = new Decision(Optional.empty());

  public static Decision allow() {
    return ALLOW;
  }

  public static Decision deny(DenialReason reason) {
    return new Decision(Optional.of(reason));
  }

  public boolean allowed() {
    return denial.isEmpty();
  }
}
