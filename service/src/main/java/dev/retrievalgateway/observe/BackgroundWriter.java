package dev.retrievalgateway.observe;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes log events in batches on one background thread, so that an event costs its request only an
 * offer to a lock-free queue (well under a microsecond) instead of JSON encoding and a write to
 * standard output. Used where the time of a response must not tell whether an event was written:
 * the {@code access_denied} of a document above the caller's clearance, whose {@code 404} must take
 * as long as an absent document's.
 *
 * <p>The writer wakes every {@value #PERIOD_MS} ms rather than on each event: waking a parked
 * thread per event (as a blocking queue, and Logback's {@code AsyncAppender}, do) costs the request
 * more than the write it saves, and the write would then run while the 404 is still being sent.
 * {@code AsyncAppender} is not used for a second reason: it works per logger, so this one event
 * could only go through it from another logger, changing its {@code logger} field. No event is
 * dropped: past {@value #MAX_QUEUED} queued events the caller writes its own, and a shutdown hook
 * writes what is left when the JVM exits.
 */
final class BackgroundWriter {
  private static final int PERIOD_MS = 10;
  private static final int MAX_QUEUED = 10_000;

  private static final Queue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger QUEUED = new AtomicInteger();
  private static final ScheduledExecutorService WRITER =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("audit-writer").daemon().factory());

  static {
    WRITER.scheduleWithFixedDelay(
        BackgroundWriter::writeQueued, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(BackgroundWriter::writeQueued, "audit-writer-drain"));
  }

  private BackgroundWriter() {}

  static void write(Runnable event) {
    if (QUEUED.incrementAndGet() > MAX_QUEUED) {
      QUEUED.decrementAndGet();
      event.run();
      return;
    }
    QUEUE.offer(event);
  }

  /** Writes every queued event, in order; safe from any thread. */
  static synchronized void writeQueued() {
    for (Runnable event; (event = QUEUE.poll()) != null; ) {
      QUEUED.decrementAndGet();
      try {
        event.run();
      } catch (RuntimeException e) {
        // A failing write must not stop the writer: later events still go out.
      }
    }
  }
}
