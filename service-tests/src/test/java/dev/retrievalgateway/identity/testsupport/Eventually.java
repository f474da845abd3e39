package dev.retrievalgateway.identity.testsupport;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries an action until its result is what the test waits for, or a deadline passes; for states
 * that a real clock moves on (a JWKS rate-limit window), never as a timing assertion.
 *
 * <pre>{@code
 * IdentityResult result = Eventually.within(Duration.ofSeconds(5), () -> resolve(token), ok());
 * assertInstanceOf(Verified.class, result);
 * }</pre>
 */
public final class Eventually {
  private static final Duration PAUSE = Duration.ofMillis(100);

  private Eventually() {}

  /** The first result that satisfies {@code done}, or the last one when the deadline passes. */
  public static <T> T within(Duration timeout, Supplier<T> action, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T result = action.get();
    while (!done.test(result) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(PAUSE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result;
      }
      result = action.get();
    }
    return result;
  }
}
