package dev.retrievalgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.testkit.ChildProcess;
import dev.retrievalgateway.testkit.RunningGateway;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Start-up either serves fully configured or stops with one line naming the key, never half. */
@Tag("claim:config-fail-fast")
class StartupTest {

  @Test
  void refusesAPortAlreadyInUseNamingServerPort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  RunningGateway.builder()
                      .with("server.port", Integer.toString(taken.getLocalPort()))
                      .start());

      assertEquals("server.port", e.key());
    }
  }

  @Test
  void mainExitsNonZeroWithOneStartupFailedLineWhenJwtModeLacksTheIssuer() throws Exception {
    try (GatewayProcess gateway =
        GatewayProcess.builder().env("GATEWAY_AUTH_MODE", "jwt").env("SERVER_PORT", "0").start()) {
      ChildProcess.Exit exit = gateway.awaitExit(Duration.ofSeconds(60));

      assertEquals(2, exit.code());
      List<String> lines = exit.stdoutLines();
      assertEquals(1, lines.size(), "exactly one line on standard output");
      JsonNode line = new ObjectMapper().readTree(lines.get(0));
      assertEquals("startup_failed", line.path("event").asText());
      assertEquals("gateway.jwt.issuer", line.path("key").asText());
    }
  }
}
