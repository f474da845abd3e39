package dev.retrievalgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.testkit.RunningGateway;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("claim:config-fail-fast")
class GatewayConfigTest {
  private static final YAMLMapper YAML = new YAMLMapper();

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

  /**
   * Defaults live in application.yaml only: with one key taken out of it (and nothing else setting
   * it), start-up is refused naming the key, rather than falling back to a second copy in code.
   */
  @ParameterizedTest
  @CsvSource({
    "server.host",
    "server.port",
    "server.timeouts.idle",
    "server.timeouts.header",
    "server.timeouts.body",
    "gateway.auth.mode",
    "gateway.corpus.seed",
    "gateway.corpus.max.documents",
    "gateway.throttle.rate",
    "gateway.throttle.burst",
    "gateway.lambda.insecure.headermode",
    "gateway.roles",
    "gateway.store",
    "gateway.jwt.algorithms",
    "gateway.jwt.jwks.refresh",
    "gateway.jwt.claims.tenant",
    "gateway.jwt.claims.role",
    "gateway.opensearch.auth",
    "gateway.opensearch.index.prefix",
    "gateway.opensearch.shards",
    "gateway.opensearch.replicas",
    "gateway.opensearch.timeout.connect",
    "gateway.opensearch.timeout.request",
  })
  void refusesASettingMissingFromApplicationYamlRatherThanDefaultingIt(
      String key, @TempDir Path dir) throws IOException {
    ObjectNode yaml =
        (ObjectNode) YAML.readTree(GatewayConfig.class.getResource("/application.yaml"));
    ObjectNode gateway = (ObjectNode) yaml.get("gateway");
    if (key.startsWith("gateway.jwt.")) {
      gateway.with("auth").put("mode", "jwt");
      gateway.with("jwt").put("issuer", "https://issuer.example").put("audience", "rg");
      gateway.with("jwt").with("jwks").put("url", "https://issuer.example/jwks");
      yaml.with("server").put("host", "127.0.0.1");
    }
    if (key.startsWith("gateway.opensearch.")) {
      gateway.put("store", "opensearch");
      gateway.with("opensearch").put("url", "http://127.0.0.1:9200");
    }
    String[] path = key.split("\\.");
    ObjectNode parent = yaml;
    for (int i = 0; i < path.length - 1; i++) {
      parent = (ObjectNode) parent.get(path[i]);
    }
    assertTrue(parent.remove(path[path.length - 1]) != null, key + " is in application.yaml");
    Path file = dir.resolve("application.yaml");
    YAML.writeValue(file.toFile(), yaml);
    Config config =
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(ConfigSources.file(file))
            .build();

    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(config));

    assertEquals(key, e.key());
  }
}
