package dev.retrievalgateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Error documents in Lambda's shape ({@code errorType}, {@code errorMessage}). */
final class LambdaErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaErrors() {}

  static byte[] document(String errorType, String errorMessage) {
    ObjectNode node = JSON.createObjectNode();
    node.put("errorType", errorType);
    node.put("errorMessage", errorMessage);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What Lambda answers when the function runs past its timeout. */
  static byte[] timedOut(String requestId, long timeoutMillis) {
    return document(
        "Sandbox.Timedout",
        String.format(
            java.util.Locale.ROOT,
            "RequestId: %s Error: Task timed out after %.2f seconds",
            requestId,
            timeoutMillis / 1000.0));
  }

  /** What Lambda answers when the runtime process exits during an invocation. */
  static byte[] exited(String requestId, int exitCode) {
    return document(
        "Runtime.ExitError",
        "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exitCode);
  }
}
