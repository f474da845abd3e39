package dev.retrievalgateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RunningGateway;
import dev.retrievalgateway.testkit.jwt.JwksStub;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real gateway in JWT mode, over HTTP, with WireMock as the issuer's JWKS endpoint: what a client
 * sees for a valid token, a bad one, none, one in the wrong place, a huge one, and a JWKS outage.
 */
@Tag("claim:jwt-bearer-only")
class JwtModeAcceptanceTest {
  @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();

  private static final TestIssuer ISSUER = TestIssuer.generate();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningGateway gateway;

  private final JwksStub jwks = new JwksStub(SERVER);

  @BeforeAll
  static void startGateway() {
    gateway = jwtGateway(new JwksStub(SERVER).url());
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @BeforeEach
  void issuerServesItsKeys() {
    jwks.serves(ISSUER.publicKeys());
  }

  private static RunningGateway jwtGateway(URI jwksUrl) {
    return RunningGateway.builder()
        .with("gateway.auth.mode", "jwt")
        .with("gateway.jwt.issuer", TestIssuer.ISSUER)
        .with("gateway.jwt.audience", TestIssuer.AUDIENCE)
        .with("gateway.jwt.jwks.url", jwksUrl.toString())
        .start();
  }

  private static HttpResponse<String> get(RunningGateway target, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String validToken() {
    return ISSUER.token(Instant.now()).compact();
  }

  private static void assertEnvelope(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertEquals(status, response.statusCode());
    assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    JsonNode body = JSON.readTree(response.body());
    assertEquals(code, body.path("error").path("code").asText());
    assertEquals(
        response.headers().firstValue("X-Request-Id").orElseThrow(),
        body.path("request_id").asText());
  }

  @Test
  void answersWhoamiForAValidToken() throws Exception {
    HttpResponse<String> response =
        get(gateway, "/whoami", "Authorization", "Bearer " + validToken());

    assertEquals(200, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("alice", body.path("user").asText());
    assertEquals("tenant-a", body.path("tenant").asText());
    assertEquals("analyst", body.path("role").asText());
    assertEquals("jwt", body.path("auth_mode").asText());
  }

  @Test
  void ignoresIdentityHeadersAlongsideAValidToken() throws Exception {
    HttpResponse<String> response =
        get(
            gateway,
            "/whoami",
            "Authorization",
            "Bearer " + validToken(),
            "X-User",
            "mallory",
            "X-Tenant",
            "tenant-b",
            "X-Role",
            "admin");

    JsonNode body = JSON.readTree(response.body());
    assertEquals(200, response.statusCode());
    assertEquals("alice", body.path("user").asText());
    assertEquals("tenant-a", body.path("tenant").asText());
    assertEquals("analyst", body.path("role").asText());
  }

  @Test
  void answersIdentityHeadersWithoutATokenWithAPlainBearerChallenge() throws Exception {
    HttpResponse<String> response =
        get(gateway, "/whoami", "X-User", "alice", "X-Tenant", "tenant-a", "X-Role", "admin");

    assertEnvelope(response, 401, "unauthenticated");
    assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  @Tag("claim:no-secrets-in-logs")
  void rejectsAnInvalidTokenWithInvalidTokenChallengeAndNeverEchoesOrLogsIt() throws Exception {
    String forged =
        ISSUER.token(Instant.now()).claims(c -> c.issuer("https://evil.example")).compact();
    String signature = forged.substring(forged.lastIndexOf('.') + 1);

    try (LogCapture logs = LogCapture.attach()) {
      HttpResponse<String> response = get(gateway, "/whoami", "Authorization", "Bearer " + forged);

      assertEnvelope(response, 401, "unauthenticated");
      assertEquals(
          Optional.of("Bearer error=\"invalid_token\""),
          response.headers().firstValue("WWW-Authenticate"));
      assertFalse(response.body().contains(signature));
      assertFalse(response.body().contains("evil"));
      assertEquals(1, logs.events("access_denied").size());
      assertEquals("bad_claims", logs.events("access_denied").get(0).path("detail").asText());
      assertFalse(logs.text().contains(signature), "the token never reaches a log line");
      assertFalse(logs.text().contains("evil.example"), "nor does any of its claims");
    }
  }

  @Test
  void answersNoTokenWithAPlainBearerChallenge() throws Exception {
    HttpResponse<String> response = get(gateway, "/documents/a-pub-001");

    assertEnvelope(response, 401, "unauthenticated");
    assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void ignoresATokenInTheQueryString() throws Exception {
    HttpResponse<String> response = get(gateway, "/whoami?access_token=" + validToken());

    assertEnvelope(response, 401, "unauthenticated");
    assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void ignoresATokenInACookie() throws Exception {
    HttpResponse<String> response =
        get(gateway, "/whoami", "Cookie", "access_token=" + validToken());

    assertEnvelope(response, 401, "unauthenticated");
    assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void rejectsTwoAuthorizationHeaders() throws Exception {
    String token = validToken();

    HttpResponse<String> response =
        get(
            gateway,
            "/whoami",
            "Authorization",
            "Bearer " + token,
            "Authorization",
            "Bearer " + token);

    assertEnvelope(response, 401, "unauthenticated");
    assertEquals(
        Optional.of("Bearer error=\"invalid_token\""),
        response.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void answers431ForATokenThatPushesTheHeadersPast16KiB() throws Exception {
    String huge = ISSUER.token(Instant.now()).claim("padding", "x".repeat(17 * 1024)).compact();

    HttpResponse<String> response = get(gateway, "/whoami", "Authorization", "Bearer " + huge);

    assertEnvelope(response, 431, "headers_too_large");
  }

  @Test
  void answers503WhileTheJwksIsDownAndNoKeyIsCached() throws Exception {
    jwks.failsWithStatus(500);

    try (RunningGateway fresh = jwtGateway(jwks.url())) {
      HttpResponse<String> response =
          get(fresh, "/whoami", "Authorization", "Bearer " + validToken());

      assertEnvelope(response, 503, "unavailable");
      assertTrue(response.headers().firstValue("Retry-After").isPresent());
      assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
    }
  }

  @Test
  void servesHealthWithoutAToken() throws Exception {
    HttpResponse<String> response = get(gateway, "/health");

    assertEquals(200, response.statusCode());
  }
}
