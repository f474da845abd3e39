package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.identity.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order in which {@link FairShare} runs the operations it is given. Each test fixes the arrival
 * order by starting one caller at a time and waiting until its operation is queued, then lets the
 * operations holding the pool's threads go and reads the order in which the others began.
 */
class FairShareTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final TenantScope HEAVY = TenantScope.of("heavy");
  private static final TenantScope LIGHT = TenantScope.of("light");

  private final Queue<String> began = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private final String poolName = "fair-share-test-" + System.nanoTime() + "-";
  private FairShare pool;

  private FairShare pool(int threads) {
    return pool(threads, threads);
  }

  private FairShare pool(int threads, int perTenant) {
    pool = new FairShare(threads, perTenant, poolName);
    return pool;
  }

  /** Joins the callers, then closes the pool and sees its threads end. */
  @AfterEach
  void stopAll() throws InterruptedException {
    joinAll();
    if (pool != null) {
      pool.close();
      awaitThat(() -> poolThreadsAlive() == 0, "the pool's threads end once it is closed");
    }
  }

  private long poolThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(poolName))
        .count();
  }

  private void joinAll() throws InterruptedException {
    for (Thread t : threads) {
      t.join(PATIENCE.toMillis());
      assertFalse(t.isAlive(), t.getName() + " is still running");
    }
  }

  /**
   * One thread, held by heavy-1 while the others arrive in the order given: the order in which all
   * of them begin.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a tenant with nothing running goes before the queue of another \
            | heavy-2 heavy-3 light-1 \
            | heavy-1 light-1 heavy-2 heavy-3
          tenants take turns while both have operations waiting \
            | heavy-2 heavy-3 light-1 light-2 \
            | heavy-1 light-1 heavy-2 light-2 heavy-3
          tenants that have not run yet begin in the order they arrived \
            | light-1 other-1 third-1 \
            | heavy-1 light-1 other-1 third-1
          the operations of one tenant begin in the order they arrived \
            | heavy-2 heavy-3 heavy-4 heavy-5 heavy-6 \
            | heavy-1 heavy-2 heavy-3 heavy-4 heavy-5 heavy-6
          """)
  void onOneThreadTheOperationsBeginInThisOrder(String rule, String arrivals, String began)
      throws Exception {
    assertEquals(List.of(began.split(" ")), beganOnOneThread(arrivals.split(" ")));
  }

  @Test
  void aFreedThreadTakesTheTenantWithFewerOperationsRunning() throws Exception {
    FairShare share = pool(2);
    CountDownLatch first = hold(share, HEAVY, "heavy-1");
    CountDownLatch second = hold(share, HEAVY, "heavy-2");
    queue(share, HEAVY, "heavy-3", 1);
    queue(share, HEAVY, "heavy-4", 2);
    queue(share, LIGHT, "light-1", 3);

    first.countDown();
    awaitQueued(share, 0);
    second.countDown();
    joinAll();

    assertEquals(
        List.of("heavy-1", "heavy-2", "light-1", "heavy-3", "heavy-4"), List.copyOf(began));
  }

  @Test
  void aTenantIsForgottenOnlyOnceNothingOfItsIsWaitingOrRunning() throws Exception {
    FairShare share = pool(2, 1);
    CountDownLatch first = hold(share, HEAVY, "heavy-1");
    CountDownLatch second = new CountDownLatch(1);
    start("heavy-2", () -> share.run(HEAVY, () -> began.add("heavy-2") && awaitQuietly(second)));
    awaitQueued(share, 1);
    assertEquals(1, share.tenants(), "heavy-1 running, heavy-2 waiting");

    first.countDown();
    awaitThat(() -> began.contains("heavy-2"), "heavy-2 began");
    // heavy-2 runs on the tenant's record: were it forgotten when heavy-1 ended, a new record would
    // let the tenant's next operation past its share.
    assertEquals(1, share.tenants(), "heavy-1 ended, heavy-2 running");

    second.countDown();
    joinAll();
    awaitThat(() -> share.tenants() == 0, "the tenant forgotten once heavy-2 ended");
  }

  @Test
  void eachCallerGetsItsOwnResultAndNoMoreRunAtOnceThanThereAreThreads() throws Exception {
    FairShare share = pool(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // Each operation waits for a partner running beside it: two threads always find one, and a
    // pool that ran one operation at a time would fail the wait rather than pass by luck.
    CyclicBarrier pairs = new CyclicBarrier(2);
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 60; i++) { // an even number: every operation has a partner
      int mine = i;
      TenantScope tenant = TenantScope.of("tenant-" + (i % 3));
      start(
          "op-" + i,
          () -> {
            int got =
                share.run(
                    tenant,
                    () -> {
                      most.accumulateAndGet(now.incrementAndGet(), Math::max);
                      if (!awaitPartner(pairs)) {
                        wrong.add("op-" + mine + " found no partner running");
                      }
                      now.decrementAndGet();
                      return mine;
                    });
            if (got != mine) {
              wrong.add("op-" + mine + " got " + got);
            }
          });
    }
    joinAll();

    assertEquals(List.of(), List.copyOf(wrong));
    assertEquals(2, most.get(), "operations at once on 2 threads");
    assertEquals(0, share.waiting());
  }

  @Test
  void anOperationsExceptionReachesItsCallerAndTheThreadRunsTheNext() throws Exception {
    FairShare share = pool(1);
    IllegalStateException planted = new IllegalStateException("planted");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                share.run(
                    HEAVY,
                    () -> {
                      throw planted;
                    }));
    assertSame(planted, thrown);

    start("after", () -> share.run(LIGHT, () -> began.add("after")));
    joinAll();

    assertEquals(List.of("after"), List.copyOf(began));
  }

  @Test
  void aTenantAtItsShareWaitsWhileAnotherTenantTakesTheIdleThread() throws Exception {
    FairShare share = pool(2, 1);
    CountDownLatch holding = hold(share, HEAVY, "heavy-1");
    queue(share, HEAVY, "heavy-2", 1);
    start("light-1", () -> share.run(LIGHT, () -> began.add("light-1")));
    awaitThat(
        () -> began.contains("light-1"),
        "light-1 began"); // on the idle thread, while heavy-2 waits for heavy-1

    assertEquals(List.of("heavy-1", "light-1"), List.copyOf(began));
    assertEquals(1, share.waiting());
    holding.countDown();
    joinAll();

    assertEquals(List.of("heavy-1", "light-1", "heavy-2"), List.copyOf(began));
  }

  @Test
  void refusesOperationsOnceClosed() {
    FairShare share = pool(1);
    share.close();
    assertThrows(IllegalStateException.class, () -> share.run(LIGHT, () -> "late"));
  }

  @Test
  void refusesAShareOfNoThreadsOrOfMoreThanThereAre() {
    assertThrows(IllegalArgumentException.class, () -> new FairShare(1, 0, poolName));
    assertThrows(IllegalArgumentException.class, () -> new FairShare(1, 2, poolName));
  }

  /**
   * On a pool of one thread held by heavy-1, queues the named operations in this order (a name's
   * part before its dash is its tenant), lets heavy-1 go and returns the order in which all of them
   * began.
   */
  private List<String> beganOnOneThread(String... arrivals) throws Exception {
    FairShare share = pool(1);
    CountDownLatch holding = hold(share, HEAVY, "heavy-1");
    for (int i = 0; i < arrivals.length; i++) {
      String tenant = arrivals[i].substring(0, arrivals[i].indexOf('-'));
      queue(share, TenantScope.of(tenant), arrivals[i], i + 1);
    }
    holding.countDown();
    joinAll();
    return List.copyOf(began);
  }

  /**
   * Starts an operation that takes a thread at once and keeps it until the latch is counted down.
   */
  private CountDownLatch hold(FairShare share, TenantScope tenant, String name) throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        name,
        () ->
            share.run(
                tenant,
                () -> {
                  began.add(name);
                  running.countDown();
                  return awaitQuietly(release);
                }));
    assertTrue(running.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), name + " running");
    return release;
  }

  /** Starts an operation and waits until it is the {@code position}th one waiting. */
  private void queue(FairShare share, TenantScope tenant, String name, int position)
      throws InterruptedException {
    start(name, () -> share.run(tenant, () -> began.add(name)));
    awaitQueued(share, position);
  }

  private static void awaitQueued(FairShare share, int count) throws InterruptedException {
    awaitThat(() -> share.waiting() == count, count + " operations waiting");
  }

  private static void awaitThat(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(1);
    }
  }

  private void start(String name, Runnable body) {
    threads.add(Thread.ofVirtual().name(name).start(body));
  }

  private static boolean awaitPartner(CyclicBarrier pairs) {
    try {
      pairs.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (BrokenBarrierException | TimeoutException e) {
      return false;
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
