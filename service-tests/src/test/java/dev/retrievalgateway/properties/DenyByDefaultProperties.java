package dev.retrievalgateway.properties;

import static dev.retrievalgateway.testkit.properties.Generators.identities;
import static dev.retrievalgateway.testkit.properties.Generators.spoiledIdentities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.identity.HeaderIdentity;
import dev.retrievalgateway.identity.IdentityResult;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.IdentityHeaders;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Invariant 5, against the header-mode resolver: an identity that is not exactly valid is rejected,
 * never repaired; an exactly valid one is verified with exactly its values. (JWT mode has its own
 * tamper property, {@code identity.JwtTamperingProperties}.)
 */
@Tag("claim:deny-by-default")
class DenyByDefaultProperties {
  private final HeaderIdentity resolver = new HeaderIdentity(GatewayConfig.defaultRoles());

  @Nested
  class HeaderMode {
    @Test
    void anIdentityThatIsNotExactlyValidIsRejected() {
      PropertyCheck.classLevel(Invariant.DENY_BY_DEFAULT)
          .forAll(
              spoiledIdentities(false),
              id -> {
                IdentityResult result = resolver.resolve(id.toHelidon());

                assertInstanceOf(IdentityResult.Rejected.class, result, id.toString());
              });
    }

    @Test
    void anExactlyValidIdentityIsVerifiedWithExactlyItsValues() {
      PropertyCheck.classLevel(Invariant.DENY_BY_DEFAULT)
          .forAll(
              identities(),
              id -> {
                IdentityResult result = resolver.resolve(id.toHelidon());

                Principal p = assertInstanceOf(IdentityResult.Verified.class, result).principal();
                assertEquals(id.user().get(0), p.user());
                assertEquals(id.tenant().get(0), p.tenant().name());
                assertEquals(id.role().get(0), p.role().name());
                assertEquals(HeaderIdentity.ISSUER, p.issuer());
              });
    }

    @Test
    void anyTextIsVerifiedOnlyWhenItFollowsTheNameRuleExactly() {
      PropertyCheck.classLevel(Invariant.DENY_BY_DEFAULT)
          .check(
              qt ->
                  qt.forAll(anyText(), anyText(), anyRoleText())
                      .checkAssert(
                          (user, tenant, role) -> {
                            IdentityHeaders id =
                                new IdentityHeaders(
                                    List.of(user), List.of(tenant), List.of(role), "any text");

                            IdentityResult result = resolver.resolve(id.toHelidon());

                            boolean valid =
                                isName(user)
                                    && isName(tenant)
                                    && GatewayConfig.defaultRoles().containsKey(role);
                            assertEquals(
                                valid,
                                result instanceof IdentityResult.Verified,
                                id + " gave " + result);
                          }));
    }
  }

  /**
   * The contract's name rule, written out character by character rather than as the resolver's
   * regular expression, so that the two are independent: 1 to 64 characters of {@code [a-z0-9._-]},
   * the first one {@code [a-z0-9]}.
   */
  static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!(alnum || (i > 0 && (c == '.' || c == '_' || c == '-')))) {
        return false;
      }
    }
    return true;
  }

  /** Text near the rule's edges: rule characters, look-alikes, case, whitespace, any code point. */
  private static Gen<String> anyText() {
    Gen<String> ch =
        Generate.pick(
            List.of(
                "a", "z", "0", "9", ".", "_", "-", "A", " ", "\t", "\u0430", "\u0131", "\u200b",
                "\ufffd", "/", "\u0000", "\u00e9"));
    Gen<String> nearRule =
        SourceDSL.lists().of(ch).ofSizeBetween(0, 8).map(cs -> String.join("", cs));
    Gen<String> anyCodePoints = SourceDSL.strings().allPossible().ofLengthBetween(0, 8);
    Gen<String> lengths = Generate.range(60, 70).map(n -> "a".repeat(n));
    return nearRule.mix(anyCodePoints, 20).mix(lengths, 10).mix(Generators.names(), 20);
  }

  private static Gen<String> anyRoleText() {
    Set<String> roles = GatewayConfig.defaultRoles().keySet();
    return Generate.pick(List.copyOf(roles))
        .mix(
            Generate.pick(List.of("Admin", "ADMIN", "admin ", " intern", "analyst\u200b", "root")),
            50)
        .mix(SourceDSL.strings().allPossible().ofLengthBetween(0, 8), 20);
  }
}
