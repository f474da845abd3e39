package dev.retrievalgateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.retrievalgateway.testkit.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "id BeArEr tok-1",
        "BASIC dXNlcjpwYXNz",
        "PROXY-AUTHORIZATION=tok-1",
        "Set-CoOkIe: tok-1",
        "x-API-key=tok-1",
        "body eyJhbGciOiJub25lIn0.e30.",
      })
  void redactsEveryShapeWhateverTheCaseOfItsWord(String text) {
    String redacted = SafeLogFilter.redact(text);

    assertTrue(redacted.contains(SafeLogFilter.REDACTED), redacted);
    assertFalse(redacted.contains("tok-1") || redacted.contains("e30"), redacted);
  }

  @Test
  void skipsTheScansOnlyWhereNoShapeCanMatch() {
    // Text made of the shapes' words in every case, their separators and filler: the fast path
    // must give what the three scans give, on every input.
    Gen<String> pieces =
        Generate.pick(
            List.of(
                "bearer",
                "BeArer",
                "basic",
                "BASIC",
                "authorization",
                "Proxy-Authorization",
                "cookie",
                "SET-COOKIE",
                "x-api-key",
                "X-Api-KEY",
                "eyJ",
                "eyj",
                "ey",
                ":",
                "=",
                " ",
                "\n",
                ".",
                "-",
                "abc",
                "Zq9",
                "\"",
                ";",
                "ß",
                "\u212a"));
    Gen<String> texts =
        SourceDSL.lists().of(pieces).ofSizeBetween(0, 8).map(l -> String.join("", l));

    qt().withExamples(2_000)
        .forAll(texts)
        .checkAssert(
            text ->
                assertEquals(SafeLogFilter.redactShapes(text), SafeLogFilter.redact(text), text));
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
