package dev.retrievalgateway.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a test's tasks at once on a pool of its own, for races against a store, an index or a key
 * cache.
 *
 * <pre>{@code
 * List<AddResult> results = Concurrently.runAll(8, adds);
 * }</pre>
 */
public final class Concurrently {
  private Concurrently() {}

  /**
   * Runs every task on a new pool of {@code threads} threads and returns their results in the order
   * of the tasks, once all of them have ended; a task's exception fails the caller (as an {@link
   * java.util.concurrent.ExecutionException}). The pool is stopped either way.
   */
  public static <T> List<T> runAll(int threads, List<? extends Callable<T>> tasks)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
