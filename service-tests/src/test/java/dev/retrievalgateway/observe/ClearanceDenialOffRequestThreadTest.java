package dev.retrievalgateway.observe;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The {@code access_denied} of a document above the caller's clearance is written by the audit
 * writer's thread, not the request's, so that its 404 takes as long as an absent id's ({@code make
 * bench-timing} measures that); the event itself is unchanged. Timing is never asserted here.
 */
class ClearanceDenialOffRequestThreadTest {

  @Test
  void writesTheClearanceDenialOnTheAuditWriterWithItsFields() {
    Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.class);
    ListAppender<ILoggingEvent> threads = new ListAppender<>();
    threads.start();
    audit.addAppender(threads);
    try (RunningGateway gateway = RunningGateway.builder().start();
        LogCapture logs = LogCapture.attach()) {
      Http http = new Http(gateway.baseUri());

      RawResponse r = http.get("/documents/a-res-001", identity("demo", "tenant-a", "intern"));

      String requestId = r.header("x-request-id").orElseThrow();
      var denied = logs.awaitEvent("access_denied", requestId);
      List<String> writers =
          threads.list.stream()
              .filter(e -> e.getFormattedMessage().equals("access_denied"))
              .map(ILoggingEvent::getThreadName)
              .toList();
      assertAll(
          () -> assertEquals(404, r.status()),
          () -> assertEquals(List.of("audit-writer"), writers, "thread that wrote the event"),
          () -> assertEquals("clearance", denied.path("reason").asText()),
          () -> assertEquals("/documents/{doc_id}", denied.path("route").asText()),
          () -> assertEquals("demo", denied.path("user").asText()),
          () -> assertEquals("tenant-a", denied.path("tenant").asText()),
          () -> assertEquals("intern", denied.path("role").asText()),
          () -> assertEquals("WARN", denied.path("level").asText()),
          () -> assertEquals(AuditLog.class.getName(), denied.path("logger").asText()));
    } finally {
      audit.detachAppender(threads);
    }
  }
}
