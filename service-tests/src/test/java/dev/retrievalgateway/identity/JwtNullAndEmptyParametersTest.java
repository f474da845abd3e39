package dev.retrievalgateway.identity;

import static dev.retrievalgateway.identity.JwtFixture.NOW;
import static dev.retrievalgateway.identity.JwtFixture.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON {@code null} where a time claim belongs is a missing value, not "no limit"; an empty
 * {@code crit} list is malformed (RFC 7515 §4.1.11: it must not be empty). Each of these was
 * accepted before the gateway checked them itself.
 */
class JwtNullAndEmptyParametersTest {
  @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();

  private JwtIdentity identity;

  @BeforeEach
  void issuerServesItsKeys() {
    identity = JwtFixture.servingKeys(new JwksStub(SERVER), ISSUER);
  }

  private IdentityResult resolve(String token) {
    return identity.resolve(bearer(token));
  }

  /** A valid payload with one claim's JSON text replaced (or added) verbatim. */
  private static String payloadWith(String name, String jsonValue) {
    StringBuilder json =
        new StringBuilder("{\"iss\":\"")
            .append(TestIssuer.ISSUER)
            .append("\",\"aud\":\"")
            .append(TestIssuer.AUDIENCE)
            .append("\",\"sub\":\"alice\",\"tenant\":\"tenant-a\",\"role\":\"analyst\"");
    if (!name.equals("exp")) {
      json.append(",\"exp\":").append(NOW.plusSeconds(300).getEpochSecond());
    }
    return json.append(",\"").append(name).append("\":").append(jsonValue).append('}').toString();
  }

  @Test
  void acceptsTheRawPayloadWhenEveryTimeClaimIsANumber() {
    String token =
        ISSUER.token(NOW).rawPayload(payloadWith("nbf", "" + NOW.getEpochSecond())).compact();

    assertInstanceOf(IdentityResult.Verified.class, resolve(token));
  }

  @Test
  void rejectsExpiryThatIsJsonNullAsAMissingExpiry() {
    String token = ISSUER.token(NOW).rawPayload(payloadWith("exp", "null")).compact();

    assertEquals(new IdentityResult.Rejected("bad_claims", true), resolve(token));
  }

  // nbf is optional, but a null says nothing a reader can check: a token that means "no lower
  // bound" leaves the claim out. Refusing it keeps one reading of every time claim.
  @ParameterizedTest
  @ValueSource(strings = {"nbf", "iat"})
  void rejectsAnOptionalTimeClaimThatIsJsonNull(String claim) {
    String token = ISSUER.token(NOW).rawPayload(payloadWith(claim, "null")).compact();

    assertEquals(new IdentityResult.Rejected("bad_claims", true), resolve(token), claim);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "null"})
  void rejectsACriticalHeaderThatIsNotANonEmptyList(String crit) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\",\"crit\":" + crit + "}";

    IdentityResult result = resolve(ISSUER.token(NOW).rawHeader(header).compact());

    assertEquals(new IdentityResult.Rejected("bad_header", true), result, "crit " + crit);
  }
}
