package dev.retrievalgateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real gateway in JWT mode, with WireMock as the issuer's JWKS endpoint: what the contract suite
 * (run in JWT mode against the emulated Lambda, {@code JwtIdentityAcceptanceTest}) cannot see, the
 * log of a rejected token, and an outage of the issuer's keys, which only a test that owns the JWKS
 * endpoint can cause.
 */
@Tag("claim:jwt-bearer-only")
class JwtModeAcceptanceTest {
  @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();

  private final JwksStub jwks = new JwksStub(SERVER);

  private RunningGateway jwtGateway() {
    return RunningGateway.builder()
        .with("gateway.auth.mode", "jwt")
        .with("gateway.jwt.issuer", TestIssuer.ISSUER)
        .with("gateway.jwt.audience", TestIssuer.AUDIENCE)
        .with("gateway.jwt.jwks.url", jwks.url().toString())
        .start();
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  @Test
  @Tag("claim:no-secrets-in-logs")
  void rejectsAnInvalidTokenWithInvalidTokenChallengeAndNeverEchoesOrLogsIt() {
    jwks.serves(ISSUER.publicKeys());
    String forged =
        ISSUER.token(Instant.now()).claims(c -> c.issuer("https://evil.example")).compact();
    String signature = forged.substring(forged.lastIndexOf('.') + 1);

    try (LogCapture logs = LogCapture.attach();
        RunningGateway gateway = jwtGateway()) {
      RawResponse response = new Http(gateway.baseUri()).get("/whoami", bearer(forged));

      assertEquals(401, response.status());
      assertEquals("unauthenticated", response.errorCode());
      assertEquals("Bearer error=\"invalid_token\"", response.header("www-authenticate").get());
      assertFalse(response.text().contains(signature));
      assertFalse(response.text().contains("evil"));
      assertEquals(1, logs.events("access_denied").size());
      assertEquals("bad_claims", logs.events("access_denied").get(0).path("detail").asText());
      assertFalse(logs.text().contains(signature), "the token never reaches a log line");
      assertFalse(logs.text().contains("evil.example"), "nor does any of its claims");
    }
  }

  @Test
  @Tag("claim:fail-closed-jwks")
  void answers503WhileTheJwksIsDownAndNoKeyIsCached() {
    jwks.failsWithStatus(500);

    try (RunningGateway gateway = jwtGateway()) {
      RawResponse response =
          new Http(gateway.baseUri()).get("/whoami", bearer(ISSUER.token(Instant.now()).compact()));

      assertEquals(503, response.status());
      assertEquals("unavailable", response.errorCode());
      assertTrue(response.header("retry-after").isPresent());
      assertFalse(response.header("www-authenticate").isPresent());
    }
  }
}
