package dev.retrievalgateway.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.testkit.ChildProcess;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Roles come from {@code application.yaml} only: an environment variable or system property that
 * would change them stops start-up with one {@code startup_failed} line naming {@code
 * gateway.roles} and exit code 2 (it once silently let interns read restricted documents, or
 * crashed Helidon's config merge with a stack trace and exit 1). A gateway that starts says which
 * roles it enforces.
 */
class RolesFromYamlOnlyTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "GATEWAY_ROLES_0_CLEARANCE, restricted",
    "GATEWAY_ROLES_3_NAME, superuser",
    "GATEWAY_ROLES_1_WRITE, true",
    "GATEWAY_ROLES, admin",
  })
  void refusesToStartWhenAnEnvironmentVariableWouldChangeTheRoles(String name, String value)
      throws IOException {
    try (GatewayProcess gateway =
        GatewayProcess.builder().env("SERVER_PORT", "0").env(name, value).start()) {
      ChildProcess.Exit exit = gateway.awaitExit(START);

      assertStartupFailedOnRoles(exit, name);
    }
  }

  @Test
  void refusesToStartWhenASystemPropertyWouldChangeTheRoles() throws IOException {
    try (GatewayProcess gateway =
        GatewayProcess.builder()
            .env("SERVER_PORT", "0")
            .jvm("-Dgateway.roles.0.clearance=restricted")
            .start()) {
      ChildProcess.Exit exit = gateway.awaitExit(START);

      assertStartupFailedOnRoles(exit, "-Dgateway.roles.0.clearance");
    }
  }

  @Test
  void logsTheEffectiveRolesInTheStartupEvent() {
    try (GatewayProcess gateway = GatewayProcess.builder().env("SERVER_PORT", "0").start()) {
      JsonNode startup = gateway.awaitEvent("startup", START);

      assertEquals(
          List.of("intern internal false", "analyst confidential false", "admin restricted true"),
          summaries(startup.path("roles")));
    }
  }

  private static List<String> summaries(JsonNode roles) {
    return java.util.stream.StreamSupport.stream(roles.spliterator(), false)
        .map(
            r ->
                r.path("name").asText()
                    + " "
                    + r.path("clearance").asText()
                    + " "
                    + r.path("write").asText())
        .toList();
  }

  private static void assertStartupFailedOnRoles(ChildProcess.Exit exit, String source)
      throws IOException {
    List<String> lines = exit.stdoutLines();
    JsonNode line = lines.isEmpty() ? JSON.createObjectNode() : JSON.readTree(lines.get(0));
    assertAll(
        source,
        () -> assertEquals(2, exit.code(), "exit code"),
        () -> assertEquals(1, lines.size(), "exactly one line on standard output"),
        () -> assertEquals("", exit.stderr(), "nothing on standard error"),
        () -> assertEquals("startup_failed", line.path("event").asText()),
        () -> assertEquals("gateway.roles", line.path("key").asText()));
  }
}
