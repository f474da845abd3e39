package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Throttling per principal and per client address, on a gateway with a burst of 3 at 1/s. */
@Tag("claim:throttling")
class ThrottlingAcceptanceTest {
  private RunningGateway gateway;
  private LogCapture logs;
  private Http http;

  @BeforeEach
  void start() {
    logs = LogCapture.attach();
    gateway =
        RunningGateway.builder()
            .with("gateway.throttle.rate", "1")
            .with("gateway.throttle.burst", "3")
            .start();
    http = new Http(gateway.baseUri());
  }

  @AfterEach
  void stop() {
    gateway.close();
    logs.close();
  }

  @Test
  void throttlesAPrincipalPastItsBurstWithRetryAfterAndAnEvent() {
    Map<String, String> who = identity("busy", "tenant-a", "intern");

    for (int i = 0; i < 3; i++) {
      assertEquals(200, http.get("/whoami", who).status());
    }
    RawResponse throttled = http.get("/whoami", who);

    assertEquals(429, throttled.status());
    assertEquals("too_many_requests", throttled.errorCode());
    assertTrue(Integer.parseInt(throttled.header("retry-after").orElseThrow()) >= 1);
    List<JsonNode> events =
        logs.events("throttled", throttled.header("x-request-id").orElseThrow());
    assertEquals(1, events.size());
    assertEquals("busy", events.get(0).path("user").asText());
  }

  @Test
  void keepsPrincipalsApartIncludingTheSameUserInAnotherTenant() {
    Map<String, String> a = identity("same", "tenant-a", "intern");
    Map<String, String> b = identity("same", "tenant-b", "intern");
    for (int i = 0; i < 4; i++) {
      http.get("/whoami", a);
    }

    RawResponse other = http.get("/whoami", b);

    assertEquals(200, other.status());
  }

  @Test
  void throttlesRequestsWithoutIdentityByClientAddressBefore401() {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, http.get("/whoami", Map.of()).status());
    }

    RawResponse throttled = http.get("/whoami", Map.of("X-User", "made-up-" + System.nanoTime()));

    assertEquals(429, throttled.status());
    JsonNode event =
        logs.events("throttled", throttled.header("x-request-id").orElseThrow()).get(0);
    assertEquals("127.0.0.1", event.path("client").asText());
    assertTrue(event.path("user").isMissingNode());
  }

  @Test
  void healthIsNotThrottled() {
    for (int i = 0; i < 10; i++) {
      assertEquals(200, http.get("/health", Map.of()).status());
    }
  }
}
