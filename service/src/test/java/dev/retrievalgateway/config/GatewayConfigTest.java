package dev.retrievalgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.testsupport.RunningGateway;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("claim:config-fail-fast")
class GatewayConfigTest {

  @Test
  void defaultsMatchTheContractTable() {
    GatewayConfig config = RunningGateway.config(Map.of("server.port", "8000"));

    assertEquals("127.0.0.1", config.host());
    assertEquals(8000, config.port());
    assertEquals(AuthMode.HEADER, config.authMode());
    assertTrue(config.seedDemoCorpus());
    assertEquals(10_000, config.maxDocumentsPerTenant());
    assertEquals(50, config.throttleRate());
    assertEquals(100, config.throttleBurst());
    assertFalse(config.lambdaInsecureHeaderMode());
    assertEquals(Classification.INTERNAL, config.roles().get("intern").clearance());
    assertEquals(Classification.CONFIDENTIAL, config.roles().get("analyst").clearance());
    assertTrue(config.roles().get("admin").writer());
    assertFalse(config.roles().get("analyst").writer());
  }

  @ParameterizedTest
  @CsvSource({
    "server.host, 0.0.0.0",
    "server.host, 10.0.0.1",
    "server.host, example.com",
    "server.port, 70000",
    "server.port, eighty",
    "gateway.auth.mode, basic",
    "gateway.corpus.seed, sample",
    "gateway.corpus.max.documents, 0",
    "gateway.throttle.rate, -1",
    "gateway.throttle.burst, lots",
    "gateway.lambda.insecure.headermode, yes",
    "gateway.jwt.issuer, ''",
  })
  void refusesAnInvalidSettingNamingItsKey(String key, String value) {
    Map<String, String> settings =
        key.startsWith("gateway.jwt") ? Map.of("gateway.auth.mode", "jwt") : Map.of(key, value);

    ConfigException e = assertThrows(ConfigException.class, () -> RunningGateway.config(settings));

    assertEquals(key, e.key());
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "localhost", "::1", "127.0.0.2"})
  void acceptsHeaderModeOnLoopbackHosts(String host) {
    assertEquals(host, RunningGateway.config(Map.of("server.host", host)).host());
  }

  @Test
  void refusesAWriterRoleThatCannotReadRestricted() {
    Map<String, String> settings =
        Map.of(
            "gateway.roles.0.name", "editor",
            "gateway.roles.0.clearance", "confidential",
            "gateway.roles.0.write", "true");

    ConfigException e = assertThrows(ConfigException.class, () -> RunningGateway.config(settings));

    assertEquals("gateway.roles.0.clearance", e.key());
  }

  @ParameterizedTest
  @CsvSource({
    "Admin",
    "-ops",
    "ops team",
    "a-name-of-sixty-five-characters-is-one-more-than-the-rule-allowsx"
  })
  void refusesARoleNameOutsideThePrincipalNameRule(String name) {
    Map<String, String> settings =
        Map.of("gateway.roles.0.name", name, "gateway.roles.0.clearance", "public");

    ConfigException e = assertThrows(ConfigException.class, () -> RunningGateway.config(settings));

    assertEquals("gateway.roles.0.name", e.key());
  }

  @Test
  void acceptsARoleNameOfSixtyFourCharacters() {
    String name = "r".repeat(64);
    Map<String, String> settings =
        Map.of("gateway.roles.0.name", name, "gateway.roles.0.clearance", "public");

    assertTrue(RunningGateway.config(settings).roles().containsKey(name));
  }
}
