package dev.retrievalgateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A token bucket per key (a principal, or a client address), Bucket4j's, in a Caffeine table
 * bounded in size, so that many made-up identities cannot exhaust memory: past the bound, the least
 * recently used buckets are dropped (a dropped bucket starts full again, which only ever favours a
 * caller that has been quiet).
 */
final class Throttle {
  static final int MAX_KEYS = 100_000;

  private final Cache<String, Bucket> buckets;
  private final long ratePerSecond;
  private final long burst;

  Throttle(long ratePerSecond, long burst, int maxKeys) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
  }

  /**
   * Takes one token for {@code key}.
   *
   * @return empty when allowed, otherwise the whole seconds to wait before retrying (at least 1)
   */
  OptionalLong tryAcquire(String key) {
    Bucket bucket = buckets.get(key, k -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    long nanos = probe.getNanosToWaitForRefill();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(ratePerSecond, Duration.ofSeconds(1))
                .build())
        .build();
  }
}
