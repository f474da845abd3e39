package dev.retrievalgateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.retrievalgateway.config.GatewayConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("claim:deny-by-default")
class HeaderIdentityTest {
  private final HeaderIdentity identity = new HeaderIdentity(GatewayConfig.defaultRoles());

  private static ServerRequestHeaders headers(String user, String tenant, String role) {
    WritableHeaders<?> h = WritableHeaders.create();
    if (user != null) {
      h.add(HeaderValues.create(HeaderNames.create("X-User"), user));
    }
    if (tenant != null) {
      h.add(HeaderValues.create(HeaderNames.create("X-Tenant"), tenant));
    }
    if (role != null) {
      h.add(HeaderValues.create(HeaderNames.create("X-Role"), role));
    }
    return ServerRequestHeaders.create(h);
  }

  @Test
  void derivesThePrincipalFromTheThreeHeaders() {
    IdentityResult result = identity.resolve(headers("demo", "tenant-a", "analyst"));

    Principal p = assertInstanceOf(IdentityResult.Verified.class, result).principal();
    assertEquals("demo", p.user());
    assertEquals("tenant-a", p.tenant().name());
    assertEquals("analyst", p.role().name());
    assertEquals(HeaderIdentity.ISSUER, p.issuer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "-a", ".a", "a b", "a/b", "a\u0000", "\u0430", "a\uFFFD"})
  void rejectsTenantsOutsideTheNameRule(String tenant) {
    assertInstanceOf(
        IdentityResult.Rejected.class, identity.resolve(headers("demo", tenant, "intern")));
  }

  @Test
  void rejectsNamesLongerThan64AndAcceptsExactly64() {
    String ok = "a".repeat(64);

    assertInstanceOf(IdentityResult.Verified.class, identity.resolve(headers(ok, ok, "intern")));
    assertInstanceOf(
        IdentityResult.Rejected.class, identity.resolve(headers(ok + "a", "tenant-a", "intern")));
  }

  @Test
  void rejectsMissingHeaders() {
    assertInstanceOf(IdentityResult.Rejected.class, identity.resolve(headers(null, "t", "intern")));
    assertInstanceOf(IdentityResult.Rejected.class, identity.resolve(headers("u", null, "intern")));
    assertInstanceOf(IdentityResult.Rejected.class, identity.resolve(headers("u", "t", null)));
  }

  @Test
  void rejectsARepeatedHeader() {
    WritableHeaders<?> h = WritableHeaders.create();
    h.add(HeaderValues.create(HeaderNames.create("X-User"), "demo"));
    h.add(HeaderValues.create(HeaderNames.create("X-Tenant"), "tenant-a", "tenant-b"));
    h.add(HeaderValues.create(HeaderNames.create("X-Role"), "intern"));

    assertInstanceOf(
        IdentityResult.Rejected.class, identity.resolve(ServerRequestHeaders.create(h)));
  }

  @Test
  void theSameUserInTwoTenantsIsTwoPrincipals() {
    Principal a =
        ((IdentityResult.Verified) identity.resolve(headers("u", "tenant-a", "intern")))
            .principal();
    Principal b =
        ((IdentityResult.Verified) identity.resolve(headers("u", "tenant-b", "intern")))
            .principal();

    assertNotEquals(a.identityKey(), b.identityKey());
  }
}
