package dev.retrievalgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.testkit.ChildProcess;
import dev.retrievalgateway.testkit.RunningGateway;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JWT mode's settings: what start-up accepts, and every refusal naming its key. */
@Tag("claim:config-fail-fast")
class JwtConfigTest {
  private static Map<String, String> jwtMode() {
    Map<String, String> settings = new HashMap<>();
    settings.put("gateway.auth.mode", "jwt");
    settings.put("gateway.jwt.issuer", "https://issuer.example.test");
    settings.put("gateway.jwt.audience", "retrieval-gateway");
    settings.put("gateway.jwt.jwks.url", "https://issuer.example.test/.well-known/jwks.json");
    return settings;
  }

  private static ConfigException refusal(Map<String, String> settings) {
    return assertThrows(ConfigException.class, () -> RunningGateway.config(settings));
  }

  /** JWT mode with {@code key} set to {@code value} is refused, and the refusal names the key. */
  private static void assertRefusedNaming(String key, String value) {
    Map<String, String> settings = jwtMode();
    settings.put(key, value);

    assertEquals(key, refusal(settings).key(), key + "=" + value);
  }

  @Test
  void readsTheContractsDefaults() {
    JwtSettings jwt = RunningGateway.config(jwtMode()).jwt().orElseThrow();

    assertEquals("https://issuer.example.test", jwt.issuer());
    assertEquals("retrieval-gateway", jwt.audience());
    assertEquals(URI.create("https://issuer.example.test/.well-known/jwks.json"), jwt.jwksUrl());
    assertEquals(List.of("RS256", "ES256"), jwt.algorithms());
    assertEquals(Duration.ofSeconds(60), jwt.jwksRefresh());
    assertEquals("tenant", jwt.tenantClaim());
    assertEquals("role", jwt.roleClaim());
  }

  @Test
  void readsCognitoClaimNames() {
    Map<String, String> settings = jwtMode();
    settings.put("gateway.jwt.claims.tenant", "custom:tenant");
    settings.put("gateway.jwt.claims.role", "custom:role");

    JwtSettings jwt = RunningGateway.config(settings).jwt().orElseThrow();

    assertEquals("custom:tenant", jwt.tenantClaim());
    assertEquals("custom:role", jwt.roleClaim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway.jwt.issuer", "gateway.jwt.audience", "gateway.jwt.jwks.url"})
  void refusesJwtModeWithoutARequiredSetting(String key) {
    Map<String, String> settings = jwtMode();
    settings.remove(key);

    ConfigException e = refusal(settings);

    assertEquals(key, e.key());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HS256",
        "RS256,HS256",
        "HS384",
        "HS512",
        "none",
        "RS256,none",
        "NONE",
        "None",
        ","
      })
  @Tag("claim:jwt-algorithm-allow-list")
  @Tag("claim:jwt-no-none")
  void refusesAnAllowListWithNoneOrAnHmacAlgorithm(String algorithms) {
    assertRefusedNaming("gateway.jwt.algorithms", algorithms);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://issuer.example.test/jwks.json",
        "http://10.0.0.1/jwks.json",
        "http://127.0.0.1.nip.io/jwks.json",
        "ftp://127.0.0.1/jwks.json",
        "file:///etc/jwks.json",
        "/relative/jwks.json"
      })
  @Tag("claim:jwt-jwks-keys")
  void refusesAJwksUrlThatIsNotHttpsUnlessOnLoopback(String url) {
    assertRefusedNaming("gateway.jwt.jwks.url", url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8001/.well-known/jwks.json",
        "http://localhost:8001/.well-known/jwks.json",
        "http://[::1]:8001/.well-known/jwks.json"
      })
  void acceptsPlainHttpJwksOnLoopbackHosts(String url) {
    Map<String, String> settings = jwtMode();
    settings.put("gateway.jwt.jwks.url", url);

    JwtSettings jwt = RunningGateway.config(settings).jwt().orElseThrow();

    assertEquals(URI.create(url), jwt.jwksUrl());
  }

  @Test
  void stopsStartUpWithOneLineNamingTheMissingKey() throws IOException {
    try (GatewayProcess gateway =
        GatewayProcess.builder()
            .env("GATEWAY_AUTH_MODE", "jwt")
            .env("GATEWAY_JWT_AUDIENCE", "retrieval-gateway")
            .env("GATEWAY_JWT_JWKS_URL", "https://issuer.example.test/jwks.json")
            .env("SERVER_PORT", "0")
            .start()) {
      ChildProcess.Exit exit = gateway.awaitExit(Duration.ofSeconds(60));

      assertEquals(2, exit.code());
      assertTrue(exit.stderr().isBlank(), "nothing on standard error: " + exit.stderr());
      List<String> lines = exit.stdoutLines();
      assertEquals(1, lines.size(), "one line");
      JsonNode line = parse(lines.get(0));
      assertEquals("startup_failed", line.path("event").asText());
      assertEquals("gateway.jwt.issuer", line.path("key").asText());
    }
  }

  private static JsonNode parse(String line) throws IOException {
    return new ObjectMapper().readTree(line);
  }
}
