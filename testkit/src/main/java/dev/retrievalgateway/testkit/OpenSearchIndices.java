package dev.retrievalgateway.testkit;

import dev.retrievalgateway.config.OpenSearchSettings;
import dev.retrievalgateway.opensearchnode.OpenSearchNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenSearch side of the store's tests: settings for a store under an index prefix of its own
 * on this run's node ({@link OpenSearchNode#sharedUrl()}), and the clean-up after it.
 *
 * <pre>{@code
 * OpenSearchSettings settings = OpenSearchIndices.freshSettings();
 * try (OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, 100)) { ... }
 * OpenSearchIndices.deleteAll(settings);
 * }</pre>
 */
public final class OpenSearchIndices {
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private OpenSearchIndices() {}

  /** A prefix no other store of this run (or of a concurrent run on the same node) uses. */
  public static String freshPrefix() {
    return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + "-";
  }

  /** Settings for a store on this run's node under a fresh prefix. */
  public static OpenSearchSettings freshSettings() {
    return settings(OpenSearchNode.sharedUrl(), freshPrefix(), 0);
  }

  public static OpenSearchSettings settings(URI url, String prefix, int replicas) {
    return settings(url, prefix, replicas, Duration.ofSeconds(10));
  }

  /** Settings with this request timeout (and connect timeout, at most 1 s). */
  public static OpenSearchSettings settings(
      URI url, String prefix, int replicas, Duration requestTimeout) {
    Duration connect =
        requestTimeout.compareTo(Duration.ofSeconds(1)) < 0
            ? requestTimeout
            : Duration.ofSeconds(1);
    return new OpenSearchSettings(
        url, Optional.empty(), prefix, 1, replicas, connect, requestTimeout);
  }

  /**
   * Deletes every index under the prefix (a pattern, which only test code ever sends). Quietly does
   * nothing when the cluster is gone: a failure test may have stopped it.
   */
  public static void deleteAll(OpenSearchSettings settings) {
    URI indices = settings.url().resolve("/" + settings.indexPrefix() + "*?expand_wildcards=all");
    try {
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .build()
          .send(
              HttpRequest.newBuilder(indices).timeout(Duration.ofSeconds(30)).DELETE().build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // nothing to clean
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
