package dev.retrievalgateway.emulator;

import java.util.Optional;

/**
 * The result of one synchronous invocation, as the Invoke API reports it: the payload, and {@code
 * Unhandled} as the function error when the payload is an error document.
 */
public record InvokeResult(String requestId, byte[] payload, Optional<String> functionError) {

  static InvokeResult success(String requestId, byte[] payload) {
    return new InvokeResult(requestId, payload, Optional.empty());
  }

  static InvokeResult functionError(String requestId, byte[] document) {
    return new InvokeResult(requestId, document, Optional.of("Unhandled"));
  }
}
