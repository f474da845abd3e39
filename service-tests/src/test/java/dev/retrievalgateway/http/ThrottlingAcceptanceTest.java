package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throttling on a gateway with a burst of 3 at 1/s: what the contract suite ({@code
 * LimitsAcceptanceTest}: 429 with Retry-After past the burst, a bucket per principal, the client
 * address before 401) cannot see, the {@code throttled} event of each bucket, and two choices it
 * does not test, the same user in another tenant and an unthrottled {@code /health}. Each test uses
 * principals of its own; the client-address bucket is the one test without identity.
 */
@Tag("claim:throttling")
class ThrottlingAcceptanceTest {
  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(
              RunningGateway.builder()
                  .with("gateway.throttle.rate", "1")
                  .with("gateway.throttle.burst", "3"))
          .withLogs();

  private static RawResponse whoamiPastTheBurst(Map<String, String> who) {
    for (int i = 0; i < 3; i++) {
      GATEWAY.http().get("/whoami", who);
    }
    return GATEWAY.http().get("/whoami", who);
  }

  private static String newUser() {
    return "busy-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void logsAThrottledPrincipalWithItsUserAndTenant() {
    String user = newUser();

    RawResponse throttled = whoamiPastTheBurst(identity(user, "tenant-a", "intern"));

    assertEquals(429, throttled.status());
    JsonNode event =
        GATEWAY.logs().awaitEvent("throttled", throttled.header("x-request-id").orElseThrow());
    assertEquals(user, event.path("user").asText());
    assertEquals("tenant-a", event.path("tenant").asText());
  }

  @Test
  void keepsTheSameUserInAnotherTenantInABucketOfItsOwn() {
    String user = newUser();

    assertEquals(429, whoamiPastTheBurst(identity(user, "tenant-a", "intern")).status());
    assertEquals(200, GATEWAY.http().get("/whoami", identity(user, "tenant-b", "intern")).status());
  }

  @Test
  void logsAThrottledClientAddressWithoutAnyIdentity() {
    RawResponse throttled = whoamiPastTheBurst(Map.of("X-User", "made-up-" + System.nanoTime()));

    assertEquals(429, throttled.status());
    JsonNode event =
        GATEWAY.logs().awaitEvent("throttled", throttled.header("x-request-id").orElseThrow());
    assertEquals("127.0.0.1", event.path("client").asText());
    assertTrue(event.path("user").isMissingNode());
  }

  @Test
  void healthIsNotThrottled() {
    for (int i = 0; i < 10; i++) {
      assertEquals(200, GATEWAY.http().get("/health", Map.of()).status());
    }
  }
}
