package dev.retrievalgateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.config.GatewayConfig;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("claim:clearance")
class AccessPolicyTest {
  private final AccessPolicy policy = new AccessPolicy();

  @ParameterizedTest
  @CsvSource({
    "intern, public, true", "intern, internal, true", "intern, confidential, false",
        "intern, restricted, false",
    "analyst, public, true", "analyst, internal, true", "analyst, confidential, true",
        "analyst, restricted, false",
    "admin, public, true", "admin, internal, true", "admin, confidential, true",
        "admin, restricted, true"
  })
  void readsAtOrBelowClearanceOnly(String role, String classification, boolean allowed) {
    Role r = GatewayConfig.defaultRoles().get(role);
    Classification c = Classification.fromWireName(classification).orElseThrow();

    assertEquals(allowed, c.isReadableWith(r.clearance()));
  }

  @Test
  void onlyWriterRolesWrite() {
    assertTrue(policy.write(GatewayConfig.defaultRoles().get("admin")).allowed());
    assertEquals(
        Optional.of(DenialReason.NOT_WRITER),
        policy.write(GatewayConfig.defaultRoles().get("analyst")).denial());
    assertFalse(policy.write(GatewayConfig.defaultRoles().get("intern")).allowed());
  }

  @Test
  void classificationNamesAreExactAndOrdered() {
    assertEquals(Optional.empty(), Classification.fromWireName("Public"));
    assertEquals(Optional.empty(), Classification.fromWireName(" public"));
    assertTrue(Classification.PUBLIC.compareTo(Classification.RESTRICTED) < 0);
    assertEquals("confidential", Classification.CONFIDENTIAL.wireName());
  }
}
