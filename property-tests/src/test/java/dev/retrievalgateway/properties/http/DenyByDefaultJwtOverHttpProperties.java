package dev.retrievalgateway.properties.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.properties.http.DenyByDefaultOverHttpProperties.Route;
import dev.retrievalgateway.properties.http.testsupport.Whoami;
import dev.retrievalgateway.testkit.RawHttp;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import dev.retrievalgateway.testkit.properties.BearerAttempt;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 5 over HTTP, in JWT mode: a request to any route that needs a principal, which does not
 * carry exactly one valid token in exactly one {@code Authorization} header (see {@code
 * TokenSpoils}), gets {@code 401} in the envelope; an exactly valid token gets through with exactly
 * its claims. The issuer's JWKS is a WireMock endpoint on a loopback port.
 */
@Tag("claim:deny-by-default")
class DenyByDefaultJwtOverHttpProperties {
  private static final int EXAMPLES = 200;

  @RegisterExtension static final WireMockExtension JWKS_SERVER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();
  private static final TestIssuer FOREIGN = TestIssuer.generate();
  private static RunningGateway gateway;
  private static RawHttp raw;

  @BeforeAll
  static void start() {
    gateway =
        RunningGateway.builder()
            .with("gateway.auth.mode", "jwt")
            .with("gateway.jwt.issuer", TestIssuer.ISSUER)
            .with("gateway.jwt.audience", TestIssuer.AUDIENCE)
            .with("gateway.jwt.jwks.url", new JwksStub(JWKS_SERVER).url().toString())
            .with("gateway.corpus.seed", "none")
            .unthrottled()
            .start();
    raw = new RawHttp(gateway.baseUri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void theIssuerServesItsKeys() {
    new JwksStub(JWKS_SERVER).serves(ISSUER.publicKeys());
  }

  @Nested
  class JwtMode {
    @Test
    @Tag("claim:jwt-bearer-only") // the spoils include a token in the URL or in a cookie
    void aRequestWithoutExactlyOneValidTokenGets401OnEveryRoute() {
      DenyByDefaultOverHttpProperties.everyRouteAnswers401(
          EXAMPLES,
          Generators.spoiledBearers(ISSUER, FOREIGN, Instant::now),
          DenyByDefaultJwtOverHttpProperties::request,
          raw);
    }

    @Test
    void anExactlyValidTokenGetsThroughWithExactlyItsClaims() {
      PropertyCheck.httpLevel(Invariant.DENY_BY_DEFAULT, EXAMPLES)
          .forAll(
              Generators.validBearers(ISSUER, Instant::now),
              valid -> {
                RawResponse r = raw.send(request(Route.WHOAMI, valid.attempt()));

                Whoami.assertPrincipal(r, valid.identity());
              });
    }
  }

  private static byte[] request(Route route, BearerAttempt attempt) {
    return route.request(attempt.headerLines(), attempt.queryString());
  }
}
