package dev.retrievalgateway.emulator;

import java.util.concurrent.CompletableFuture;

/**
 * One invocation on its way through the Runtime API: handed to the runtime by {@code next}, then
 * completed by the runtime's {@code response} or {@code error}.
 */
final class Invocation {
  final String requestId;
  final byte[] payload;
  final long timeoutMillis;

  /** Completes with the deadline (epoch ms) when the runtime takes the invocation. */
  final CompletableFuture<Long> taken = new CompletableFuture<>();

  final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  Invocation(String requestId, byte[] payload, long timeoutMillis) {
    this.requestId = requestId;
    this.payload = payload;
    this.timeoutMillis = timeoutMillis;
  }

  /** What the runtime reported for an invocation. */
  sealed interface Outcome {
    byte[] body();

    /** {@code POST /runtime/invocation/{id}/response}. */
    record Response(byte[] body) implements Outcome {}

    /** {@code POST /runtime/invocation/{id}/error}: an error document, as the runtime wrote it. */
    record Error(byte[] body) implements Outcome {}
  }
}
