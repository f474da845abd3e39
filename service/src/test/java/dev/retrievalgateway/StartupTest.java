package dev.retrievalgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.testsupport.RunningGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName())
            .redirectErrorStream(false);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SERVER_"));
    env.put("GATEWAY_AUTH_MODE", "jwt");
    env.put("SERVER_PORT", "0");

    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Main did not exit");
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(2, process.exitValue());
    List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "exactly one line on standard output");
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertEquals("startup_failed", line.path("event").asText());
    assertEquals("gateway.jwt.issuer", line.path("key").asText());
  }
}
