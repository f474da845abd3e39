package dev.retrievalgateway.properties.http.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh tenant names for one example over HTTP: the gateway under test lives for a whole class, so
 * each example maps its generated tenants to names no earlier example used, and starts from an
 * empty corpus. Equal names map to equal names, so the example keeps its collisions.
 */
public final class TenantNames {
  private static final AtomicInteger EXAMPLES = new AtomicInteger();

  private final int example = EXAMPLES.incrementAndGet();
  private final Map<String, String> names = new HashMap<>();

  public static TenantNames fresh() {
    return new TenantNames();
  }

  /** The gateway's name for the generated tenant {@code tenant}. */
  public String of(String tenant) {
    return names.computeIfAbsent(tenant, t -> "p" + example + "-" + names.size());
  }
}
