package dev.retrievalgateway.identity;

import static dev.retrievalgateway.identity.JwtFixture.NOW;
import static dev.retrievalgateway.identity.JwtFixture.bearer;
import static dev.retrievalgateway.identity.JwtFixture.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.retrievalgateway.identity.testsupport.SelfSignedCertificate;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import io.helidon.http.HeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JWT mode against an issuer whose JWKS endpoint is WireMock: valid tokens become principals, and
 * every attack of RFC 8725 and the contract's list is rejected with a fixed reason category.
 */
class JwtIdentityTest {
  @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();
  @RegisterExtension static final WireMockExtension ATTACKER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();
  private static final TestIssuer OUTSIDER = TestIssuer.generate("rsa-outsider", "ec-outsider");

  private final JwksStub jwks = new JwksStub(SERVER);
  private final JwksStub attackerJwks = new JwksStub(ATTACKER);
  private JwtIdentity identity;

  @BeforeEach
  void issuerServesItsKeys() {
    attackerJwks.serves(OUTSIDER.publicKeys());
    identity = JwtFixture.servingKeys(jwks, ISSUER);
  }

  private IdentityResult resolve(String token) {
    return identity.resolve(bearer(token));
  }

  private static void assertRejected(IdentityResult result) {
    IdentityResult.Rejected rejected = assertInstanceOf(IdentityResult.Rejected.class, result);
    assertEquals(true, rejected.bearerPresented(), "a presented token is answered invalid_token");
  }

  private static Principal assertVerified(IdentityResult result) {
    return assertInstanceOf(IdentityResult.Verified.class, result).principal();
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A row of a rejection table: what is wrong with the token, the token, the category or null. */
  private static Arguments rejected(String wrong, String token, String category) {
    return Arguments.of(Named.of(wrong, token), category);
  }

  /** Rejected as a presented token, with {@code category} unless that is null (any category). */
  private void assertRejectedAs(String token, String category) {
    IdentityResult result = resolve(token);
    if (category == null) {
      assertRejected(result);
    } else {
      assertEquals(new IdentityResult.Rejected(category, true), result);
    }
  }

  /** A token whose claim {@code name} is the raw JSON {@code jsonValue}, replacing the default. */
  private static String withRawClaim(String name, String jsonValue) {
    String defaults =
        "\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"alice\",\"tenant\":\"tenant-a\",\"role\":\"analyst\",\"exp\":%d"
            .formatted(
                TestIssuer.ISSUER, TestIssuer.AUDIENCE, NOW.plusSeconds(300).getEpochSecond());
    // A JSON object with a repeated key would be ambiguous: the override replaces the default.
    String others = defaults.replaceFirst(",?\"" + name + "\":(\"[^\"]*\"|\\d+)", "");
    return ISSUER
        .token(NOW)
        .rawPayload("{" + others + ",\"" + name + "\":" + jsonValue + "}")
        .compact();
  }

  private static String[] parts(String token) {
    return token.split("\\.");
  }

  @Nested
  class ValidTokens {
    @Test
    void mapsAnRs256TokenToThePrincipalOfIssuerSubjectAndTenant() {
      String token = ISSUER.token(NOW).compact();

      Principal principal = assertVerified(resolve(token));

      assertEquals(TestIssuer.ISSUER, principal.issuer());
      assertEquals("alice", principal.user());
      assertEquals("tenant-a", principal.tenant().name());
      assertEquals("analyst", principal.role().name());
    }

    @Test
    void mapsAnEs256Token() {
      String token = ISSUER.es256Token(NOW).claim("role", "admin").compact();

      Principal principal = assertVerified(resolve(token));

      assertEquals("admin", principal.role().name());
    }

    @Test
    @Tag("claim:tenant-isolation")
    void treatsTheSameSubjectInTwoTenantsAsTwoPrincipals() {
      String inA = ISSUER.token(NOW).compact();
      String inB = ISSUER.token(NOW).claim("tenant", "tenant-b").compact();

      Principal a = assertVerified(resolve(inA));
      Principal b = assertVerified(resolve(inB));

      assertEquals(a.user(), b.user());
      assertNotEquals(a.identityKey(), b.identityKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
    @Tag("claim:jwt-bearer-only")
    void acceptsTheSchemeNameInAnyCase(String scheme) {
      String token = ISSUER.token(NOW).compact();

      IdentityResult result =
          identity.resolve(headers(HeaderNames.AUTHORIZATION, scheme + " " + token));

      assertVerified(result);
    }

    @Test
    @Tag("claim:jwt-typ-crit")
    void acceptsTypAtJwtAndNoTypAtAll() {
      String atJwt = ISSUER.token(NOW).header(h -> h.type(new JOSEObjectType("at+jwt"))).compact();
      String noTyp = ISSUER.token(NOW).header(h -> h.type(null)).compact();

      assertVerified(resolve(atJwt));
      assertVerified(resolve(noTyp));
    }

    @Test
    @Tag("claim:jwt-principal-claims")
    void readsTenantAndRoleFromConfiguredClaimNamesAsCognitoUses() {
      JwtIdentity cognito =
          JwtFixture.identity(
              JwtFixture.settings(
                  jwks.url(), Duration.ofSeconds(60), "custom:tenant", "custom:role"));
      String token =
          ISSUER
              .token(NOW)
              .without("tenant")
              .without("role")
              .claim("custom:tenant", "tenant-b")
              .claim("custom:role", "intern")
              .compact();

      Principal principal = assertVerified(cognito.resolve(bearer(token)));

      assertEquals("tenant-b", principal.tenant().name());
      assertEquals("intern", principal.role().name());
    }

    @Test
    @Tag("claim:jwt-bearer-only")
    void ignoresIdentityHeadersAlongsideAValidToken() {
      String token = ISSUER.token(NOW).compact();

      IdentityResult result =
          identity.resolve(
              headers(
                  HeaderNames.AUTHORIZATION,
                  "Bearer " + token,
                  "X-User",
                  "mallory",
                  "X-Tenant",
                  "tenant-b",
                  "X-Role",
                  "admin"));

      Principal principal = assertVerified(result);
      assertEquals("alice", principal.user());
      assertEquals("tenant-a", principal.tenant().name());
      assertEquals("analyst", principal.role().name());
    }
  }

  @Nested
  @Tag("claim:jwt-bearer-only")
  class Credentials {
    static Stream<Arguments> headersWithoutABearerToken() {
      return Stream.of(
          Arguments.of(Named.of("no header at all", new Object[0])),
          Arguments.of(
              Named.of(
                  "identity headers alone",
                  new Object[] {"X-User", "alice", "X-Tenant", "tenant-a", "X-Role", "admin"})),
          Arguments.of(
              Named.of(
                  "another scheme",
                  new Object[] {HeaderNames.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0"})),
          Arguments.of(
              Named.of(
                  "a token in a cookie",
                  new Object[] {
                    HeaderNames.COOKIE, "access_token=" + ISSUER.token(NOW).compact()
                  })));
    }

    @ParameterizedTest
    @MethodSource("headersWithoutABearerToken")
    void answersAPlainBearerChallengeWhereNoBearerTokenIsSent(Object[] namesAndValues) {
      IdentityResult result = identity.resolve(headers(namesAndValues));

      assertEquals(new IdentityResult.Rejected("no_token", false), result);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"two headers", "two credentials in one header"})
    void rejectsTwoTokens(String twice) {
      String bearer = "Bearer " + ISSUER.token(NOW).compact();

      IdentityResult result =
          identity.resolve(
              twice.equals("two headers")
                  ? headers(HeaderNames.AUTHORIZATION, bearer, HeaderNames.AUTHORIZATION, bearer)
                  : headers(HeaderNames.AUTHORIZATION, bearer + ", " + bearer));

      assertRejected(result);
    }
  }

  @Nested
  @Tag("claim:jwt-canonical-encoding")
  class MalformedTokens {
    static Stream<Arguments> nonCanonicalTokens() {
      String token = ISSUER.token(NOW).compact();
      String[] parts = parts(token);
      String alphabet = token.replace('-', '+').replace('_', '/');
      return Stream.of(
          rejected("2 segments", token.substring(0, token.lastIndexOf('.')), null),
          rejected("4 segments", token + ".QUI", null),
          rejected("padding =", token + "=", null),
          rejected("padding ==", token + "==", null),
          rejected("padding %3D", token + "%3D", null),
          rejected("a space inside", token.substring(0, 40) + " " + token.substring(40), null),
          rejected("a tab inside", token.substring(0, 40) + "\t" + token.substring(40), null),
          rejected("a newline inside", token.substring(0, 40) + "\n" + token.substring(40), null),
          rejected(
              "the standard base64 alphabet",
              alphabet.contains("+") || alphabet.contains("/") ? alphabet : alphabet + "+",
              null),
          rejected(
              "a payload that is not JSON",
              parts[0] + "." + b64("not json") + "." + parts[2],
              null));
    }

    @ParameterizedTest
    @MethodSource("nonCanonicalTokens")
    void rejectsATokenThatIsNotThreeCanonicalSegments(String token, String category) {
      assertRejectedAs(token, category);
    }

    @Test
    @Tag("claim:jwt-signature")
    void rejectsStrippedSignature() {
      String[] parts = ISSUER.token(NOW).compact().split("\\.");

      assertRejected(resolve(parts[0] + "." + parts[1] + "."));
    }

    @Test
    void rejectsSignatureChangedOnlyInItsUnusedLowBits() {
      String token = ISSUER.token(NOW).compact();
      String signature = token.substring(token.lastIndexOf('.') + 1);
      // 256 signature bytes are 342 characters: the last one carries 4 unused bits.
      assertEquals(2, signature.length() % 4);
      char last = token.charAt(token.length() - 1);
      String sameBytes = token.substring(0, token.length() - 1) + (char) (last + 1);

      IdentityResult result = resolve(sameBytes);

      assertEquals(new IdentityResult.Rejected("malformed_token", true), result);
    }

    @Test
    @Tag("claim:jwt-signature")
    void rejectsTamperedPayload() {
      String[] parts = ISSUER.token(NOW).compact().split("\\.");
      String otherTenant = ISSUER.token(NOW).claim("tenant", "tenant-b").compact().split("\\.")[1];

      IdentityResult result = resolve(parts[0] + "." + otherTenant + "." + parts[2]);

      assertEquals(new IdentityResult.Rejected("bad_signature", true), result);
    }
  }

  @Nested
  class Algorithms {
    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "NoNe", "nONE"})
    @Tag("claim:jwt-no-none")
    void rejectsAlgNoneInEveryCase(String none) {
      String header = "{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}";
      String payload = ISSUER.token(NOW).compact().split("\\.")[1];
      String unsigned = b64(header) + "." + payload + ".";
      String withJunkSignature = b64(header) + "." + payload + ".QUI";

      assertRejected(resolve(unsigned));
      assertRejected(resolve(withJunkSignature));
    }

    @Test
    void rejectsHs256SignedWithTheIssuersRsaPublicKey() throws Exception {
      byte[] publicKeyBytes = ISSUER.rsaKey().toRSAPublicKey().getEncoded();
      OctetSequenceKey confused = new OctetSequenceKey.Builder(publicKeyBytes).build();
      String token = ISSUER.token(NOW).algorithm(JWSAlgorithm.HS256).signedWith(confused).compact();

      assertEquals(new IdentityResult.Rejected("bad_header", true), resolve(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "RS512", "RS384"})
    @Tag("claim:jwt-algorithm-allow-list")
    void rejectsValidRsaSignatureWithAnAlgorithmOutsideTheAllowList(String algorithm) {
      String token = ISSUER.token(NOW).algorithm(JWSAlgorithm.parse(algorithm)).compact();

      assertEquals(new IdentityResult.Rejected("bad_header", true), resolve(token));
    }

    @Test
    void rejectsValidHs256SignatureWithAnOctKeyTheJwksPublishes() {
      OctetSequenceKey secret = new OctetSequenceKey.Builder(new byte[32]).keyID("hmac-1").build();
      List<JWK> keys = new ArrayList<>(ISSUER.publicKeys().getKeys());
      keys.add(secret);
      jwks.serves(new JWKSet(keys));
      String token =
          ISSUER
              .token(NOW)
              .algorithm(JWSAlgorithm.HS256)
              .header(h -> h.keyID("hmac-1"))
              .signedWith(secret)
              .compact();

      assertRejected(resolve(token));
    }

    @Test
    void rejectsEs256SignatureOfZeros() {
      // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on unpatched JDKs.
      String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"ec-1\"}";
      String payload = ISSUER.es256Token(NOW).compact().split("\\.")[1];
      String token = b64(header) + "." + payload + "." + Base64URL.encode(new byte[64]);

      assertEquals(new IdentityResult.Rejected("bad_signature", true), resolve(token));
    }
  }

  @Nested
  @Tag("claim:jwt-no-header-keys")
  class KeysNamedByTheToken {
    @Test
    @Tag("claim:jwt-signature")
    void rejectsTokenSignedWithKeyOutsideJwks() {
      String token = OUTSIDER.token(NOW).header(h -> h.keyID(TestIssuer.RSA_KID)).compact();

      assertEquals(new IdentityResult.Rejected("bad_signature", true), resolve(token));
    }

    static Stream<Arguments> tokensThatBringTheirOwnKey() {
      RSAKey jwk = OUTSIDER.rsaKey().toPublicJWK();
      RSAKey x5c = SelfSignedCertificate.generate("x5c-attacker");
      return Stream.of(
          rejected(
              "an embedded jwk under the issuer's kid",
              OUTSIDER.token(NOW).header(h -> h.keyID(TestIssuer.RSA_KID).jwk(jwk)).compact(),
              null),
          rejected(
              "an embedded jwk under its own kid",
              OUTSIDER.token(NOW).header(h -> h.jwk(jwk)).compact(),
              null),
          rejected(
              "an x5c certificate and no kid",
              ISSUER
                  .token(NOW)
                  .header(h -> h.keyID(null).x509CertChain(x5c.getX509CertChain()))
                  .signedWith(x5c)
                  .compact(),
              null),
          rejected(
              "an x5c certificate under the issuer's kid",
              ISSUER
                  .token(NOW)
                  .header(h -> h.x509CertChain(x5c.getX509CertChain()))
                  .signedWith(x5c)
                  .compact(),
              null),
          rejected("a kid the JWKS lacks", OUTSIDER.token(NOW).compact(), "unknown_key"));
    }

    @ParameterizedTest
    @MethodSource("tokensThatBringTheirOwnKey")
    void neverUsesAKeyTheTokenBringsOrAKidTheJwksLacks(String token, String category) {
      assertRejectedAs(token, category);
    }

    @Test
    void neverFetchesJkuOrX5u() {
      URI attackerSet = attackerJwks.url();
      String jku = OUTSIDER.token(NOW).header(h -> h.jwkURL(attackerSet)).compact();
      String x5u = OUTSIDER.token(NOW).header(h -> h.x509CertURL(attackerSet)).compact();
      String jkuWithIssuerKid =
          OUTSIDER
              .token(NOW)
              .header(h -> h.jwkURL(attackerSet).keyID(TestIssuer.RSA_KID))
              .compact();

      assertRejected(resolve(jku));
      assertRejected(resolve(x5u));
      assertRejected(resolve(jkuWithIssuerKid));
      assertEquals(List.of(), attackerJwks.requestedUrls());
    }

    @Test
    void rejectsMaliciousKidsWithoutUsingThemForAnything() {
      String traversal = ISSUER.token(NOW).header(h -> h.keyID("../../../../etc/passwd")).compact();
      String huge = ISSUER.token(NOW).header(h -> h.keyID("k".repeat(10 * 1024))).compact();
      String injection = ISSUER.token(NOW).header(h -> h.keyID("rsa-1' OR '1'='1")).compact();

      assertRejected(resolve(traversal));
      assertRejected(resolve(huge));
      assertRejected(resolve(injection));
      assertEquals(
          Set.of(JwksStub.PATH), Set.copyOf(jwks.requestedUrls()), "only the JWKS was fetched");
    }
  }

  @Nested
  @Tag("claim:jwt-typ-crit")
  class JoseHeaders {
    @Test
    void rejectsUnknownCriticalHeader() {
      String token =
          ISSUER
              .token(NOW)
              .header(h -> h.customParam("x-policy", "v1").criticalParams(Set.of("x-policy")))
              .compact();

      assertEquals(new IdentityResult.Rejected("bad_signature", true), resolve(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOSE", "JWE", "application/json", "secevent+jwt", "id_token+jwt"})
    void rejectsWrongTyp(String typ) {
      String token = ISSUER.token(NOW).header(h -> h.type(new JOSEObjectType(typ))).compact();

      assertEquals(new IdentityResult.Rejected("bad_header", true), resolve(token));
    }
  }

  @Nested
  @Tag("claim:jwt-time-claims")
  class TimeClaims {
    /** A token whose one time claim is this many seconds from now (expiry: issued an hour ago). */
    private IdentityResult withClaim(String claim, long secondsFromNow) {
      Date at = Date.from(NOW.plusSeconds(secondsFromNow));
      Instant issued = claim.equals("exp") ? NOW.minusSeconds(3600) : NOW;
      return resolve(ISSUER.token(issued).claims(c -> c.claim(claim, at)).compact());
    }

    // The window is open at 60 s (nimbus's DateUtils): 59 s of skew is the last whole second in.
    @ParameterizedTest(name = "{0} {1} s from now verifies: {2}")
    @CsvSource({
      "exp, -59, true", "exp, -60, false",
      "nbf, 59, true", "nbf, 60, false",
      "iat, 59, true", "iat, 60, false"
    })
    void honoursEachTimeClaimUpToTheSkewBoundaryAndNoFurther(
        String claim, long secondsFromNow, boolean verifies) {
      IdentityResult result = withClaim(claim, secondsFromNow);

      if (verifies) {
        assertVerified(result);
      } else {
        assertEquals(new IdentityResult.Rejected("bad_claims", true), result);
      }
    }

    static Stream<Arguments> tokensWithoutAUsableExpiry() {
      return Stream.of(
          rejected("no exp", ISSUER.token(NOW).without("exp").compact(), "bad_claims"),
          rejected("exp not a number", withRawClaim("exp", "\"tomorrow\""), null));
    }

    @ParameterizedTest
    @MethodSource("tokensWithoutAUsableExpiry")
    void rejectsATokenWithoutAUsableExpiry(String token, String category) {
      assertRejectedAs(token, category);
    }
  }

  @Nested
  @Tag("claim:jwt-issuer-audience")
  class IssuerAndAudience {
    static Stream<Arguments> tokensForAnotherIssuerOrAudience() {
      return Stream.of(
          rejected("a wrong issuer", issuedBy("https://evil.example"), "bad_claims"),
          rejected("the issuer in upper case", issuedBy(TestIssuer.ISSUER.toUpperCase()), null),
          rejected("the issuer with a trailing slash", issuedBy(TestIssuer.ISSUER + "/"), null),
          rejected("no issuer", ISSUER.token(NOW).without("iss").compact(), "bad_claims"),
          rejected(
              "a wrong audience",
              ISSUER.token(NOW).claims(c -> c.audience("another-service")).compact(),
              "bad_claims"),
          rejected(
              "a list of wrong audiences",
              ISSUER
                  .token(NOW)
                  .claims(c -> c.audience(List.of("a-service", "b-service")))
                  .compact(),
              "bad_claims"),
          rejected("no audience", ISSUER.token(NOW).without("aud").compact(), "bad_claims"),
          rejected("no subject", ISSUER.token(NOW).without("sub").compact(), null));
    }

    private static String issuedBy(String issuer) {
      return ISSUER.token(NOW).claims(c -> c.issuer(issuer)).compact();
    }

    @ParameterizedTest
    @MethodSource("tokensForAnotherIssuerOrAudience")
    void rejectsATokenNotExactlyForThisIssuerAndAudience(String token, String category) {
      assertRejectedAs(token, category);
    }
  }

  @Nested
  @Tag("claim:jwt-principal-claims")
  class PrincipalClaims {
    @ParameterizedTest
    @ValueSource(strings = {"\"Alice\"", "\"al ice\"", "\"-alice\"", "123"})
    void rejectsSubjectThatBreaksTheUserNameRules(String json) {
      String token = withRawClaim("sub", json);

      assertRejected(resolve(token));
    }

    @Test
    void acceptsCognitoStyleUuidSubject() {
      String token =
          ISSUER
              .token(NOW)
              .claims(c -> c.subject("3f1c2a9e-0b7d-4c1e-9a55-2d7e8f90ab12"))
              .compact();

      assertEquals("3f1c2a9e-0b7d-4c1e-9a55-2d7e8f90ab12", assertVerified(resolve(token)).user());
    }

    static Stream<Arguments> tenantAndRoleClaimsThatNameNoPrincipal() {
      Stream<Arguments> tenants =
          Stream.of(
                  "[\"tenant-a\"]",
                  "42",
                  "null",
                  "{\"name\":\"tenant-a\"}",
                  "true",
                  "\"Tenant-A\"",
                  "\"\"",
                  "\" tenant-a\"",
                  "\"tenant a\"")
              .map(
                  json ->
                      rejected("tenant " + json, withRawClaim("tenant", json), "bad_tenant_claim"));
      Stream<Arguments> roles =
          Stream.of(
                  "[\"analyst\"]",
                  "7",
                  "null",
                  "{\"name\":\"analyst\"}",
                  "\"Analyst\"",
                  "\"root\"",
                  "\"\"")
              .map(json -> rejected("role " + json, withRawClaim("role", json), "bad_role_claim"));
      Stream<Arguments> missing =
          Stream.of(
              rejected(
                  "no tenant", ISSUER.token(NOW).without("tenant").compact(), "bad_tenant_claim"),
              rejected("no role", ISSUER.token(NOW).without("role").compact(), "bad_role_claim"));
      return Stream.of(tenants, roles, missing).flatMap(a -> a);
    }

    /** A tenant of the wrong type or shape, a role of the wrong type or unknown, or none at all. */
    @ParameterizedTest
    @MethodSource("tenantAndRoleClaimsThatNameNoPrincipal")
    void rejectsATenantOrRoleClaimThatIsMissingMalformedOrUnknown(String token, String category) {
      assertRejectedAs(token, category);
    }
  }

  @Test
  @Tag("claim:no-secrets-in-logs")
  void reportsOnlyFixedCategoriesNeverTokenText() {
    List<String> tokens =
        List.of(
            ISSUER.token(NOW).claims(c -> c.issuer("https://evil.example/CANARY")).compact(),
            ISSUER.token(NOW).header(h -> h.keyID("CANARY")).compact(),
            ISSUER.token(NOW).claim("tenant", "CANARY").compact());

    for (String token : tokens) {
      IdentityResult.Rejected rejected =
          assertInstanceOf(IdentityResult.Rejected.class, resolve(token));
      assertEquals(true, rejected.category().matches("[a-z_]+"), rejected.category());
    }
  }
}
