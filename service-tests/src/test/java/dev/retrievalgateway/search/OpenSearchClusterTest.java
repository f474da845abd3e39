package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.config.OpenSearchSettings;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.opensearchnode.OpenSearchNode;
import dev.retrievalgateway.testkit.OpenSearchIndices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store on clusters that lose a node: a three-node cluster with one replica per index, and a
 * one-node cluster whose process is killed outright. During the failure every answer is either the
 * correct one or a {@link StoreUnavailableException} (503), never a wrong or partial one, nor
 * another tenant's; afterwards the same store object answers again, without a restart.
 */
@Tag("claim:store-opensearch")
@Tag("claim:fail-closed-store")
class OpenSearchClusterTest {
  private static final TenantScope TENANT_A = TenantScope.of("tenant-a");
  private static final String QUERY = "quarterly revenue forecast security";
  private static final Duration PATIENT = Duration.ofSeconds(60);

  /** Tallies of one stream of queries: correct answers, 503s, and anything else. */
  record Tally(int correct, int unavailable, int wrong) {}

  @Test
  void aStoppedDataNodeLeavesOnlyCorrectAnswersOr503AndTheClusterRecovers() throws Exception {
    try (OpenSearchNode cluster = OpenSearchNode.builder().nodes(3).start()) {
      String prefix = OpenSearchIndices.freshPrefix();
      seed(OpenSearchIndices.settings(cluster.url(0), prefix, 1, PATIENT));
      OpenSearchSettings settings =
          OpenSearchIndices.settings(cluster.url(0), prefix, 1, Duration.ofSeconds(5));
      try (OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, 1_000)) {
        cluster.awaitHealth(cluster.url(0), "green", 3, Duration.ofSeconds(120));
        List<SearchableCorpus.Result> expected =
            store.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10);

        Tally tally =
            duringQueries(
                store,
                expected,
                () -> {
                  cluster.stopNode(2);
                  pause(2_000);
                  cluster.startNode(2);
                });

        assertEquals(0, tally.wrong(), "never a wrong or partial answer: " + tally);
        assertTrue(tally.correct() > 0, "answers went on during the failure: " + tally);
        assertEquals(expected, store.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10));
      }
    }
  }

  @Test
  void aKilledNodeProcessGives503UntilItReturnsAndTheSameStoreAnswersAgain() throws Exception {
    Path data = Files.createTempDirectory("opensearch-killed");
    int port;
    OpenSearchSettings settings;
    List<SearchableCorpus.Result> expected;
    OpenSearchNode node = OpenSearchNode.builder().basePath(data).start();
    port = node.url().getPort();
    String prefix = OpenSearchIndices.freshPrefix();
    seed(OpenSearchIndices.settings(node.url(), prefix, 0, PATIENT));
    try (OpenSearchCorpusStore patient =
        OpenSearchCorpusStore.connect(
            OpenSearchIndices.settings(node.url(), prefix, 0, PATIENT), 1_000)) {
      expected = patient.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10);
    }
    settings = OpenSearchIndices.settings(node.url(), prefix, 0, Duration.ofSeconds(5));
    try (OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, 1_000)) {

      Tally tally =
          duringQueries(
              store,
              expected,
              () -> {
                node.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                pause(1_000);
              });
      StoreUnavailableException down =
          org.junit.jupiter.api.Assertions.assertThrows(
              StoreUnavailableException.class,
              () -> store.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10));

      try (OpenSearchNode again = OpenSearchNode.builder().basePath(data).httpPort(port).start()) {
        assertEquals(0, tally.wrong(), "never a wrong answer: " + tally);
        assertTrue(tally.unavailable() > 0, "the failure was seen: " + tally);
        assertEquals(StoreUnavailableException.Category.CONNECT, down.category());
        assertEquals(
            expected,
            store.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10),
            "the same answers, from the data on disk");
      }
    } finally {
      node.close();
      deleteTree(data);
    }
  }

  /** Loads the demo corpus with a timeout long enough for a busy machine. */
  private static void seed(OpenSearchSettings settings) {
    try (OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, 1_000)) {
      for (DemoCorpus.Entry e : DemoCorpus.documents()) {
        store.add(TenantScope.of(e.tenant()), e.document());
      }
    }
  }

  /** Queries on two threads while {@code failure} runs, and tallies what they got. */
  private static Tally duringQueries(
      OpenSearchCorpusStore store, List<SearchableCorpus.Result> expected, Failure failure)
      throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Tally>> streams =
          List.of(
              pool.submit(() -> stream(store, expected, done)),
              pool.submit(() -> stream(store, expected, done)));
      try {
        failure.run();
      } finally {
        done.set(true);
      }
      int correct = 0;
      int unavailable = 0;
      int wrong = 0;
      for (Future<Tally> f : streams) {
        Tally t = f.get(120, TimeUnit.SECONDS);
        correct += t.correct();
        unavailable += t.unavailable();
        wrong += t.wrong();
      }
      return new Tally(correct, unavailable, wrong);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Tally stream(
      OpenSearchCorpusStore store, List<SearchableCorpus.Result> expected, AtomicBoolean done) {
    int correct = 0;
    int unavailable = 0;
    int wrong = 0;
    while (!done.get()) {
      try {
        List<SearchableCorpus.Result> got =
            store.search(TENANT_A, Classification.CONFIDENTIAL, QUERY, 10);
        if (got.equals(expected)) {
          correct++;
        } else {
          wrong++;
        }
      } catch (StoreUnavailableException e) {
        unavailable++;
      }
    }
    return new Tally(correct, unavailable, wrong);
  }

  @FunctionalInterface
  private interface Failure {
    void run() throws Exception;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
