package dev.retrievalgateway.identity;

import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.config.JwtSettings;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds {@link JwtIdentity} resolvers for unit tests: the test issuer's settings, the default
 * roles, short JWKS timeouts and a clock fixed on a whole second. It lives in this package, not in
 * {@code testsupport}, because the clock and the timeouts are package-private seams.
 *
 * <pre>{@code
 * JwtIdentity identity = JwtFixture.identity(jwks.url());
 * IdentityResult result = identity.resolve(JwtFixture.bearer(issuer.token(JwtFixture.NOW).compact()));
 * }</pre>
 */
final class JwtFixture {
  /** The resolver's "now": a whole second, so that skew boundaries fall on whole seconds. */
  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  /** Short enough for fast tests, long enough for a cold WireMock on a busy machine. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private JwtFixture() {}

  static JwtSettings settings(URI jwks) {
    return settings(jwks, Duration.ofSeconds(60), "tenant", "role");
  }

  static JwtSettings settings(URI jwks, Duration refresh, String tenantClaim, String roleClaim) {
    return new JwtSettings(
        TestIssuer.ISSUER,
        TestIssuer.AUDIENCE,
        jwks,
        List.of("RS256", "ES256"),
        refresh,
        tenantClaim,
        roleClaim);
  }

  static JwtIdentity identity(URI jwks) {
    return identity(settings(jwks));
  }

  /** Has {@code jwks} serve the issuer's public keys; a resolver that reads them there. */
  static JwtIdentity servingKeys(JwksStub jwks, TestIssuer issuer) {
    jwks.serves(issuer.publicKeys());
    return identity(jwks.url());
  }

  static JwtIdentity identity(JwtSettings settings) {
    return new JwtIdentity(
        settings,
        GatewayConfig.defaultRoles(),
        JwtKeys.remote(settings.jwksUrl(), settings.jwksRefresh(), TIMEOUT, TIMEOUT),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Headers with {@code Authorization: Bearer <token>}. */
  static Headers bearer(String token) {
    return headers(HeaderNames.AUTHORIZATION, "Bearer " + token);
  }

  /** Headers with the given name and value pairs, repeated names kept as repeated lines. */
  static Headers headers(Object... namesAndValues) {
    WritableHeaders<?> headers = WritableHeaders.create();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      HeaderName name =
          namesAndValues[i] instanceof HeaderName h
              ? h
              : HeaderNames.create((String) namesAndValues[i]);
      headers.add(name, (String) namesAndValues[i + 1]);
    }
    return headers;
  }
}
