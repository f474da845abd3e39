package dev.retrievalgateway.properties.http.testsupport;

import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RawResponse;

/** Waits for what a request logs. */
public final class Logs {
  private Logs() {}

  /**
   * Waits until the {@code request} event of the response's request is written: the gateway writes
   * it when the request completes, which can be just after the client has the response. Every log
   * line of the request is written by then. Fails when it never comes (every request logs once).
   */
  public static void awaitRequestEvent(LogCapture logs, RawResponse response) {
    logs.awaitEventLine("request", response.header("x-request-id").orElseThrow());
  }
}
