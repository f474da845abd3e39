package dev.retrievalgateway;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.testkit.ChildProcess;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A port in use stops start-up like any bad setting: one {@code startup_failed} line naming {@code
 * server.port} and exit code 2, and nothing else on either stream (Helidon used to log its bind
 * failure with a stack trace of about 2,500 characters first).
 */
class PortInUseStartupTest {

  @Test
  void writesOnlyOneStartupFailedLineAndExitsWithTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        GatewayProcess gateway =
            GatewayProcess.builder()
                .env("SERVER_PORT", Integer.toString(taken.getLocalPort()))
                .start()) {
      ChildProcess.Exit exit = gateway.awaitExit(Duration.ofSeconds(90));

      List<String> lines = exit.stdoutLines();
      JsonNode first = new ObjectMapper().readTree(lines.isEmpty() ? "{}" : lines.get(0));
      assertAll(
          () -> assertEquals(2, exit.code(), "exit code"),
          () -> assertEquals(1, lines.size(), "lines on standard output: " + lines.size()),
          () -> assertEquals("", exit.stderr(), "standard error"),
          () -> assertEquals("startup_failed", first.path("event").asText()),
          () -> assertEquals("server.port", first.path("key").asText()));
    }
  }
}
