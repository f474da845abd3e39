package dev.retrievalgateway.search;

import dev.retrievalgateway.identity.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs CPU-bound store operations on a few platform threads of its own, and takes the next
 * operation from the waiting tenant with the fewest operations running, among equals from the one
 * whose last turn began longest ago (a tenant not served yet first); one tenant's operations go in
 * arrival order, and no tenant runs more than {@code perTenant} at once. The caller waits, parked,
 * for its result.
 *
 * <p>Why it exists: requests run on virtual threads, and the JDK schedules virtual threads without
 * preemption and without regard to how long each has waited. A handler that computes for a few
 * hundred microseconds without blocking starves some connections while others are served: a bare
 * Helidon server whose handler spins 300 µs answered 16 connections with a p50 of 0.35 ms and a p99
 * of 0.77 to 2.2 s on this 2-core machine; the same work handed to two platform threads, which the
 * OS time-slices and which take tasks in turn, gave a p50 of 2.8 ms and a p99 of 7.8 ms, at 10 %
 * fewer requests a second. The gateway's /query had the same tail (make bench, 10,000 documents:
 * p99 200 to 400 ms while the handler itself never took more than a few milliseconds). Taking turns
 * by tenant rather than first come, first served keeps a tenant with many heavy operations in
 * flight from making another tenant's query wait for all of them: it waits for one. A {@link
 * java.util.concurrent.ThreadPoolExecutor}'s queue is one line in arrival order, so the turns are
 * written here.
 *
 * <p>The hand-off costs a wake-up of a pool thread and a park of the caller per operation (about 11
 * µs of CPU for a demo query), and it still pays for a demo query's search of ten to twenty
 * microseconds: run on the request's virtual thread instead, /query answered more requests a second
 * but its p99 nearly doubled (up to 11 ms), and tenants no longer took turns (README,
 * "Configuration", has the figures).
 *
 * <p>One instance serves the whole process ({@link #shared()}): the processors are shared, and a
 * second pool would only compete with the first. Its threads are daemons that live as long as the
 * process. An operation must not wait for another operation of this pool (none does: store
 * operations do not nest), or with every thread waiting none would be left to run it. Only
 * CPU-bound stores use it: an operation that waits on a network would hold a thread meanwhile.
 */
final class FairShare implements AutoCloseable {
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
  private static final FairShare SHARED =
      new FairShare(2 * PROCESSORS, PROCESSORS, "store-worker-");

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workArrived = lock.newCondition();
  private final int perTenant;
  // A tenant with operations running or waiting; dropped when it has neither, so the table is no
  // larger than the operations in flight. Guarded by lock, as is everything below.
  private final Map<TenantScope, Tenant> tenants = new HashMap<>();
  private final List<Task<?>> waiting = new ArrayList<>(); // in arrival order
  private long turnsBegun;
  private boolean closed;

  /**
   * Starts {@code threads} daemon threads named {@code threadName} and a number, of which one
   * tenant's operations use at most {@code perTenant} at once.
   */
  FairShare(int threads, int perTenant, String threadName) {
    if (perTenant < 1 || threads < perTenant) {
      throw new IllegalArgumentException("need 1 <= perTenant <= threads");
    }
    this.perTenant = perTenant;
    Thread.Builder builder = Thread.ofPlatform().daemon().name(threadName, 1);
    for (int i = 0; i < threads; i++) {
      builder.start(this::work);
    }
  }

  /** The process's one pool: two threads per processor, one per processor for any one tenant. */
  static FairShare shared() {
    return SHARED;
  }

  private static final class Tenant {
    final TenantScope scope;
    int running;
    int waiting;
    long lastTurn; // turnsBegun when its last turn began; 0 before its first

    Tenant(TenantScope scope) {
      this.scope = scope;
    }
  }

  private record Task<T>(Tenant tenant, Supplier<T> operation, CompletableFuture<T> result) {
    void run() {
      try {
        result.complete(operation.get());
      } catch (Throwable e) { // whatever it is goes to its caller, and the pool's thread lives on
        result.completeExceptionally(e);
      }
    }
  }

  /**
   * Runs {@code operation} of {@code tenant} on one of the pool's threads when its turn comes, and
   * returns its result or throws what it threw.
   */
  <T> T run(TenantScope tenant, Supplier<T> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      Tenant t = tenants.computeIfAbsent(tenant, Tenant::new);
      t.waiting++;
      waiting.add(new Task<>(t, operation, result));
      workArrived.signal();
    } finally {
      lock.unlock();
    }
    try {
      return result.join();
    } catch (CompletionException e) {
      // The operation's own exception, unwrapped: callers see what the store threw.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void work() {
    for (Task<?> task = next(); task != null; task = next()) {
      try {
        task.run();
      } finally {
        ended(task.tenant());
      }
    }
  }

  /** The next operation to run, or null once closed with nothing left to run. */
  private Task<?> next() {
    lock.lock();
    try {
      Task<?> next;
      while ((next = choose()) == null) {
        if (closed && waiting.isEmpty()) {
          return null;
        }
        workArrived.awaitUninterruptibly();
      }
      waiting.remove(next);
      Tenant tenant = next.tenant();
      tenant.waiting--;
      tenant.running++;
      tenant.lastTurn = ++turnsBegun;
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** The waiting operation whose turn it is, or null if none may start now. */
  private Task<?> choose() {
    Task<?> next = null;
    for (Task<?> task : waiting) {
      if (task.tenant().running < perTenant
          && (next == null || before(task.tenant(), next.tenant()))) {
        next = task;
      }
    }
    return next;
  }

  private void ended(Tenant tenant) {
    lock.lock();
    try {
      tenant.running--;
      // The thread that ran it looks for the next operation itself, a capped one of this tenant's
      // included, so no other thread needs waking.
      if (tenant.running == 0 && tenant.waiting == 0) {
        tenants.remove(tenant.scope);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether {@code a}'s next operation goes before {@code b}'s; a tenant never goes before itself.
   */
  private static boolean before(Tenant a, Tenant b) {
    if (a.running != b.running) {
      return a.running < b.running;
    }
    return a.lastTurn < b.lastTurn;
  }

  /**
   * Lets the threads end once the operations already waiting have run; later calls to {@link #run}
   * throw. The shared pool is never closed; tests close the pools they make.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      workArrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Tenants with an operation waiting or running now; for tests. */
  int tenants() {
    lock.lock();
    try {
      return tenants.size();
    } finally {
      lock.unlock();
    }
  }

  /** Operations waiting for a thread now; for tests. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }
}
