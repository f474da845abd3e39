package dev.retrievalgateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retrievalgateway.config.ConfigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Lambda entry point reads its settings like Main: roles come from application.yaml only. */
@Tag("claim:config-fail-fast")
class LambdaSettingsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gateway.roles.0.clearance", "gateway.roles.3.name"})
  void refusesARoleSetOutsideYamlWithOneLineNamingGatewayRoles(String property) {
    System.setProperty(property, "restricted");
    try {
      ConfigException e = assertThrows(ConfigException.class, LambdaSettings::fromEnvironment);

      assertEquals("gateway.roles", e.key());
    } finally {
      System.clearProperty(property);
    }
  }
}
