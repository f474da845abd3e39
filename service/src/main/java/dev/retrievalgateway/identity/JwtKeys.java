package dev.retrievalgateway.identity;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.retrievalgateway.observe.Event;
import dev.retrievalgateway.observe.Field;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The issuer's signing keys, fetched from its JWKS URL through nimbus's JWK source: cached, with a
 * background refresh ahead of expiry, at most two fetches per refresh interval (the load and one
 * refresh on an unknown {@code kid}, never one fetch per request), the last good key set kept
 * through an outage, and connect and read timeouts. Only asymmetric public keys are kept ({@code
 * oct} keys in the set are dropped).
 *
 * <p>It also remembers whether the last fetch reached the endpoint, so that the resolver can tell
 * "the issuer has no such key" ({@code 401}) from "the issuer's keys cannot be had" ({@code 503}).
 */
final class JwtKeys implements Closeable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
  private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
  private static final int SIZE_LIMIT = 256 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(JwtKeys.class);

  private final JWKSource<SecurityContext> source;
  private volatile boolean reachable;

  private JwtKeys(URI url, Duration refresh, Duration connectTimeout, Duration readTimeout) {
    DefaultResourceRetriever retriever =
        new DefaultResourceRetriever(
            (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), SIZE_LIMIT);
    JWKSetSource<SecurityContext> endpoint =
        new ObservedEndpoint(new URLBasedJWKSetSource<>(toUrl(url), retriever));
    // nimbus requires the cache to outlive the rate limit's interval.
    Duration ttl = max(CACHE_TIME_TO_LIVE, refresh.multipliedBy(2));
    // A waiting request gives up on another thread's fetch once that fetch must have timed out.
    Duration waitForFetch = connectTimeout.plus(readTimeout).plusSeconds(1);
    ExecutorService refresher =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "jwks-refresh");
              thread.setDaemon(true); // never keeps the process alive
              return thread;
            });
    this.source =
        JWKSourceBuilder.create(endpoint)
            .cache(ttl.toMillis(), waitForFetch.toMillis())
            .refreshAheadCache(REFRESH_AHEAD.toMillis(), null, refresher, true, null, false)
            .rateLimited(refresh.toMillis())
            .outageTolerant(ttl.multipliedBy(10).toMillis())
            .build();
  }

  /**
   * The keys at {@code url}; an unknown {@code kid} refreshes them at most once per {@code
   * refresh}.
   */
  static JwtKeys remote(URI url, Duration refresh) {
    return new JwtKeys(url, refresh, CONNECT_TIMEOUT, READ_TIMEOUT);
  }

  /** As {@link #remote(URI, Duration)}, with other timeouts (tests use short ones). */
  static JwtKeys remote(URI url, Duration refresh, Duration connectTimeout, Duration readTimeout) {
    return new JwtKeys(url, refresh, connectTimeout, readTimeout);
  }

  /** The cached, rate-limited key source that the verifier selects keys from. */
  JWKSource<SecurityContext> source() {
    return source;
  }

  /** Whether the last fetch of the key set succeeded (false before the first fetch). */
  boolean reachable() {
    return reachable;
  }

  @Override
  public void close() throws IOException {
    if (source instanceof Closeable closeable) {
      closeable.close();
    }
  }

  private static java.net.URL toUrl(URI url) {
    try {
      return url.toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e); // GatewayConfig accepts only absolute http(s) URLs
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The JWKS endpoint itself, below nimbus's cache and rate limit, so it sees every real fetch:
   * records whether the fetch worked, logs a failure by category only (nimbus's messages can hold
   * what the endpoint sent), and keeps only asymmetric public keys.
   */
  private final class ObservedEndpoint implements JWKSetSource<SecurityContext> {
    private final JWKSetSource<SecurityContext> delegate;

    ObservedEndpoint(JWKSetSource<SecurityContext> delegate) {
      this.delegate = delegate;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      JWKSet fetched;
      try {
        fetched = delegate.getJWKSet(evaluator, currentTime, context);
      } catch (KeySourceException e) {
        reachable = false;
        String reason = e instanceof JWKSetParseException ? "unparseable" : "unreachable";
        Event.named("jwks_unavailable").with(Field.REASON, reason).log(LOG, Level.WARN);
        throw e;
      }
      reachable = true;
      List<JWK> asymmetric =
          fetched.getKeys().stream().map(JWK::toPublicJWK).filter(Objects::nonNull).toList();
      return new JWKSet(asymmetric);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
