package dev.retrievalgateway.properties.http.testsupport;

import dev.retrievalgateway.testsupport.Http;
import dev.retrievalgateway.testsupport.LogCapture;

/** Waits for what a request logs. */
public final class Logs {
  private static final long WAIT_MILLIS = 10_000;

  private Logs() {}

  /**
   * Waits until the {@code request} event of the response's request is written: the gateway writes
   * it when the request completes, which can be just after the client has the response. Every log
   * line of the request is written by then. Fails when it never comes (every request logs once).
   */
  public static void awaitRequestEvent(LogCapture logs, Http.Response response) {
    String requestId = response.header("x-request-id").orElseThrow();
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (logs.events("request", requestId).isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no request event for " + requestId);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
