package dev.retrievalgateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.testkit.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Tag("claim:no-secrets-in-logs")
class SafeLogFilterTest {
  private static final String JWS =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

  @Test
  void redactsCompactJwsBearerAndCredentialHeaders() {
    assertEquals("token [REDACTED] end", SafeLogFilter.redact("token " + JWS + " end"));
    assertEquals("Bearer [REDACTED]", SafeLogFilter.redact("Bearer abc.def-ghi"));
    assertEquals("bearer [REDACTED]", SafeLogFilter.redact("bearer secretvalue"));
    assertEquals(
        "Authorization: [REDACTED]", SafeLogFilter.redact("Authorization: Basic dXNlcjpwYXNz"));
    assertEquals("cookie=[REDACTED]", SafeLogFilter.redact("cookie=session-42"));
    assertEquals("X-Api-Key: [REDACTED]", SafeLogFilter.redact("X-Api-Key: k-123"));
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "GET /documents/{doc_id} 404 in 3 ms";

    assertEquals(text, SafeLogFilter.redact(text));
  }

  @Test
  void masksEveryLoggerIncludingLibraryMessagesAndStackTraces() {
    Logger library = LoggerFactory.getLogger("some.library");

    try (LogCapture logs = LogCapture.attach()) {
      library.warn("failed for header Authorization: Bearer " + JWS);
      library.error("boom", new IllegalStateException("token " + JWS));

      String text = logs.text();
      assertFalse(text.contains(JWS), "token reached the log");
      assertFalse(text.contains("token eyJ"), "exception message reached the log");
      List<com.fasterxml.jackson.databind.JsonNode> lines = logs.lines();
      assertEquals(2, lines.size());
      assertTrue(lines.get(1).path("stack").asText().contains("IllegalStateException"));
    }
  }

  @Test
  void errorEventCarriesClassAndFramesButNeverTheMessage() {
    try (LogCapture logs = LogCapture.attach()) {
      AuditLog.error(
          new AuditLog.Ids("r", "t"), "/query", new IllegalArgumentException("secret-input"));

      String text = logs.text();
      assertFalse(text.contains("secret-input"));
      var event = logs.events("error").get(0);
      assertEquals(
          IllegalArgumentException.class.getName(), event.path("exception_class").asText());
      assertTrue(event.path("frames").isArray() && event.path("frames").size() > 0);
    }
  }
}
