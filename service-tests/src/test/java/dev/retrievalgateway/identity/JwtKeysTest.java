package dev.retrievalgateway.identity;

import static dev.retrievalgateway.identity.JwtFixture.NOW;
import static dev.retrievalgateway.identity.JwtFixture.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.retrievalgateway.identity.testsupport.Eventually;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import dev.retrievalgateway.testsupport.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issuer's JWKS endpoint misbehaving (WireMock's fault injection): while no usable key is
 * cached the answer is {@code Unavailable} (503), a healthy endpoint that lacks the key is {@code
 * Rejected} (401), and every case recovers once the endpoint is healthy again.
 */
@Tag("claim:fail-closed-jwks")
class JwtKeysTest {
  @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();
  private static final TestIssuer ROTATED = TestIssuer.generate("rsa-2", "ec-2");

  private final JwksStub jwks = new JwksStub(SERVER);

  private static IdentityResult resolve(JwtIdentity identity, TestIssuer issuer) {
    return identity.resolve(bearer(issuer.token(NOW).compact()));
  }

  /** A resolver of the stub's keys that may refresh them once a second. */
  private JwtIdentity refreshingEverySecond() {
    return JwtFixture.identity(
        JwtFixture.settings(jwks.url(), Duration.ofSeconds(1), "tenant", "role"));
  }

  /** The endpoint serves the issuer's keys, and {@code identity} has verified a token with them. */
  private JwtIdentity withTheIssuersKeysCached(JwtIdentity identity) {
    jwks.serves(ISSUER.publicKeys());
    assertVerified(resolve(identity, ISSUER));
    return identity;
  }

  /**
   * Once the endpoint serves the keys of {@code issuer}, a token of it is verified within 10 s (the
   * refresh that brings the keys may have to wait for the interval).
   */
  private void assertRecoversOnceServing(JwtIdentity identity, TestIssuer issuer) {
    jwks.serves(issuer.publicKeys());
    IdentityResult recovered =
        Eventually.within(
            Duration.ofSeconds(10),
            () -> resolve(identity, issuer),
            r -> r instanceof IdentityResult.Verified);
    assertVerified(recovered);
  }

  private static void assertUnavailable(IdentityResult result) {
    assertInstanceOf(IdentityResult.Unavailable.class, result);
  }

  private static void assertVerified(IdentityResult result) {
    assertInstanceOf(IdentityResult.Verified.class, result);
  }

  /** Each way the endpoint fails, as a change to the stub: every one is its own case. */
  static Stream<Arguments> failingEndpoints() {
    Stream<Arguments> slow =
        Stream.of(
            Arguments.of(
                "slower than the timeout",
                (Consumer<JwksStub>)
                    j -> j.servesSlowly(ISSUER.publicKeys(), JwtFixture.TIMEOUT.multipliedBy(3))));
    Stream<Arguments> statuses =
        IntStream.of(500, 502, 503, 404, 301)
            .mapToObj(
                s -> Arguments.of("status " + s, (Consumer<JwksStub>) j -> j.failsWithStatus(s)));
    Stream<Arguments> bodies =
        Stream.of("{\"keys\": [", "<html>Bad Gateway</html>", "{\"nokeys\": []}", "", "null")
            .map(b -> Arguments.of("body " + b, (Consumer<JwksStub>) j -> j.servesBody(b)));
    Stream<Arguments> faults =
        Arrays.stream(Fault.values())
            .map(f -> Arguments.of("fault " + f, (Consumer<JwksStub>) j -> j.fails(f)));
    return Stream.of(slow, statuses, bodies, faults).flatMap(a -> a);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingEndpoints")
  void answersUnavailableWhileTheJwksFailsAndRecovers(String name, Consumer<JwksStub> failure) {
    JwtIdentity identity = JwtFixture.identity(jwks.url());
    failure.accept(jwks);

    IdentityResult failing = resolve(identity, ISSUER);
    jwks.serves(ISSUER.publicKeys());
    IdentityResult healthy = resolve(identity, ISSUER);

    assertUnavailable(failing);
    assertVerified(healthy);
  }

  @Test
  void answersUnavailableWhenNothingListensAtTheJwksUrl() {
    JwtIdentity identity =
        JwtFixture.identity(java.net.URI.create("http://127.0.0.1:9/.well-known/jwks.json"));

    IdentityResult result = resolve(identity, ISSUER);

    assertUnavailable(result);
  }

  @Test
  void rejectsTokensWhileTheJwksIsAnEmptySetAndRecovers() {
    JwtIdentity identity = refreshingEverySecond();
    jwks.serves(new JWKSet());

    IdentityResult empty = resolve(identity, ISSUER);

    assertEquals(new IdentityResult.Rejected("unknown_key", true), empty);
    // The first request spent the interval's load and refresh: the keys arrive with the next one.
    assertRecoversOnceServing(identity, ISSUER);
  }

  @Test
  @Tag("claim:jwt-jwks-keys")
  void followsAKeyRotationOldKidRemovedNewKidAdded() {
    JwtIdentity identity = withTheIssuersKeysCached(JwtFixture.identity(jwks.url()));

    jwks.serves(ROTATED.publicKeys());
    IdentityResult newKey = resolve(identity, ROTATED);
    IdentityResult oldKey = resolve(identity, ISSUER);

    assertVerified(newKey);
    assertEquals(new IdentityResult.Rejected("unknown_key", true), oldKey);
    assertEquals(2, jwks.fetches());
  }

  @Test
  @Tag("claim:jwt-jwks-keys")
  void refreshesAtMostOncePerIntervalForUnknownKids() {
    JwtIdentity identity = withTheIssuersKeysCached(JwtFixture.identity(jwks.url()));

    for (int i = 0; i < 20; i++) {
      String kid = "unknown-" + i;
      String token = ISSUER.token(NOW).header(h -> h.keyID(kid)).compact();
      assertEquals(
          new IdentityResult.Rejected("unknown_key", true), identity.resolve(bearer(token)));
    }

    assertEquals(2, jwks.fetches(), "the load and one refresh, not one fetch per request");
  }

  @Test
  @Tag("claim:jwt-jwks-keys")
  void fetchesOnceForManyConcurrentFirstRequests() throws Exception {
    JwtIdentity identity = JwtFixture.identity(jwks.url());
    jwks.servesSlowly(ISSUER.publicKeys(), Duration.ofMillis(100));
    List<Callable<IdentityResult>> requests = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      requests.add(() -> resolve(identity, ISSUER));
    }

    List<IdentityResult> results = Concurrently.runAll(16, requests);

    for (IdentityResult result : results) {
      assertVerified(result);
    }
    assertEquals(1, jwks.fetches());
  }

  @Test
  void keepsVerifyingWithCachedKeysDuringAnOutage() {
    JwtIdentity identity = withTheIssuersKeysCached(JwtFixture.identity(jwks.url()));

    jwks.fails(Fault.CONNECTION_RESET_BY_PEER);
    IdentityResult result = resolve(identity, ISSUER);

    assertVerified(result);
    assertEquals(1, jwks.fetches());
  }

  @Test
  void answersUnavailableForAKeyNotCachedDuringAnOutageThenRecovers() {
    JwtIdentity identity = withTheIssuersKeysCached(refreshingEverySecond());
    jwks.failsWithStatus(500);

    IdentityResult duringOutage = resolve(identity, ROTATED);

    assertUnavailable(duringOutage);
    assertRecoversOnceServing(identity, ROTATED);
  }

  @Test
  @Tag("claim:jwt-jwks-keys")
  void dropsOctKeysFromTheKeySet() throws Exception {
    List<JWK> keys = new ArrayList<>(ISSUER.publicKeys().getKeys());
    keys.add(new OctetSequenceKey.Builder(new byte[32]).keyID("hmac-1").build());
    jwks.serves(new JWKSet(keys));
    JwtKeys jwtKeys =
        JwtKeys.remote(jwks.url(), Duration.ofSeconds(60), JwtFixture.TIMEOUT, JwtFixture.TIMEOUT);

    List<JWK> served =
        jwtKeys.source().get(new JWKSelector(new JWKMatcher.Builder().build()), null);

    assertEquals(2, served.size());
    assertTrue(served.stream().noneMatch(k -> k.getKeyType().equals(KeyType.OCT)));
    assertTrue(served.stream().noneMatch(JWK::isPrivate));
    jwtKeys.close();
  }

  @Test
  @Tag("claim:no-secrets-in-logs")
  void logsAFetchFailureByCategoryWithoutWhatTheEndpointSent() {
    JwtIdentity identity = JwtFixture.identity(jwks.url());
    jwks.servesBody("{\"keys\": \"CANARY-JWKS-BODY\"}");

    try (LogCapture logs = LogCapture.attach()) {
      assertUnavailable(resolve(identity, ISSUER));

      assertEquals(1, logs.events("jwks_unavailable").size());
      assertEquals("unparseable", logs.events("jwks_unavailable").get(0).path("reason").asText());
      assertFalse(logs.text().contains("CANARY"), "no endpoint content in the logs");
    }
  }
}
