package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.access.Classification;
import java.util.List;

/**
 * The contract's reading rule, written out for the properties' side: classifications are ordered
 * public &lt; internal &lt; confidential &lt; restricted, and a clearance reads its own level and
 * those below. Independent of {@code Classification.isReadableWith}, so that a property does not
 * take the rule it checks from the code it checks.
 */
public final class Clearance {
  private static final List<String> ORDER =
      List.of("public", "internal", "confidential", "restricted");

  private Clearance() {}

  /** True when a principal cleared for {@code clearance} may read {@code classification}. */
  public static boolean permits(Classification clearance, Classification classification) {
    return ORDER.indexOf(classification.wireName()) <= ORDER.indexOf(clearance.wireName());
  }
}
