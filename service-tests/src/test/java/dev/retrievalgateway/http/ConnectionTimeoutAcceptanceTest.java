package dev.retrievalgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.RawHttp;
import dev.retrievalgateway.testkit.RunningGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow clients over raw sockets against a gateway whose idle, header and body timeouts are one
 * second each: every connection that does not deliver its request in time is closed. Each test
 * waits for the close with a deadline well past the bound (timeout plus one sweep); none measures
 * how fast it comes. The trickling clients send a byte every 200 ms, more often than any timeout,
 * so only a deadline for the whole head or body closes them, not a per-read timeout.
 */
class ConnectionTimeoutAcceptanceTest {
  private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(8);
  private static final long TRICKLE_MILLIS = 200;
  private static final String INTERN_A = "X-User: demo\r\nX-Tenant: tenant-a\r\nX-Role: intern\r\n";

  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(
          RunningGateway.builder()
              .with("server.timeouts.idle", "1")
              .with("server.timeouts.header", "1")
              .with("server.timeouts.body", "1"));

  @Test
  void closesAConnectionThatSendsNothing() {
    try (RawHttp.Connection connection = GATEWAY.raw().open()) {
      assertTrue(connection.closedWithin(CLOSE_DEADLINE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET /hea", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n"})
  void closesAConnectionWhoseRequestHeadStops(String partialHead) {
    try (RawHttp.Connection connection = GATEWAY.raw().open()) {
      connection.send(partialHead);

      assertTrue(connection.closedWithin(CLOSE_DEADLINE));
    }
  }

  @Test
  void closesARequestHeadTrickledAByteAtATime() {
    try (RawHttp.Connection connection = GATEWAY.raw().open()) {
      connection.send("GET /health HTTP/1.1\r\nHost: x\r\n");

      assertTrue(trickleUntilClosed(connection, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"));
      assertEquals(List.of(), connection.statuses(), "no answer to a request never complete");
    }
  }

  @Test
  void closesABodyTrickledAByteAtATimeWithBadRequest() {
    try (RawHttp.Connection connection = GATEWAY.raw().open()) {
      connection.send(
          "POST /query HTTP/1.1\r\nHost: x\r\n"
              + INTERN_A
              + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n");

      assertTrue(trickleUntilClosed(connection, " "));
      assertEquals(List.of(400), connection.statuses());
    }
  }

  @Test
  void closesAKeptAliveConnectionThatStaysIdle() {
    try (RawHttp.Connection connection = GATEWAY.raw().open()) {
      connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

      assertTrue(connection.closedWithin(CLOSE_DEADLINE));
      assertEquals(List.of(200), connection.statuses());
    }
  }

  @Test
  void answersARequestThatArrivesInTime() {
    assertEquals(200, GATEWAY.http().get("/health", Map.of()).status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"server.timeouts.idle", "server.timeouts.header", "server.timeouts.body"})
  void refusesATimeoutBelowOneSecond(String key) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> RunningGateway.config(Map.of(key, "0")));

    assertEquals(key, e.key());
  }

  /** Sends one byte of {@code bytes} per tick (cycling) until the server closes or the deadline. */
  private static boolean trickleUntilClosed(RawHttp.Connection connection, String bytes) {
    long deadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String next = String.valueOf(bytes.charAt(i % bytes.length()));
      if (!connection.send(next) || connection.closedWithin(Duration.ofMillis(TRICKLE_MILLIS))) {
        return connection.closedWithin(CLOSE_DEADLINE);
      }
    }
    return false;
  }
}
