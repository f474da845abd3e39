package dev.retrievalgateway.devissuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development issuer as a new user meets it: a key, a JWKS, a token, a gateway that takes it.
 */
class DevIssuerAcceptanceTest {
  @TempDir Path dir;

  @Test
  void generatesTheKeyOnceAndKeepsItPrivateToItsOwner() throws Exception {
    RSAKey first = SigningKey.loadOrCreate(dir);

    RSAKey second = SigningKey.loadOrCreate(dir);

    assertEquals(first.getKeyID(), second.getKeyID());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SigningKey.FILE))));
  }

  @Test
  void servesOnlyThePublicKeyAndOnlyAtTheJwksPath() throws Exception {
    RSAKey key = SigningKey.loadOrCreate(dir);

    try (JwksServer server = JwksServer.start(key, 0)) {
      String base = DevIssuer.issuerUrl(server.port());
      Http http = new Http(URI.create(base));
      RawResponse jwks = http.get(JwksServer.PATH, Map.of());
      RawResponse other = http.get("/.well-known/../signing-key.json", Map.of());

      assertEquals(200, jwks.status());
      JWKSet served = JWKSet.parse(jwks.text());
      assertEquals(1, served.getKeys().size());
      assertFalse(served.getKeys().get(0).isPrivate());
      assertFalse(jwks.text().contains("\"d\""));
      assertEquals(404, other.status());
    }
  }

  @Test
  void mintsWithTheKeyInTheKeyDirGivenOnTheCommandLine() throws Exception {
    RSAKey served = SigningKey.loadOrCreate(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] command = {
      "token",
      "--key-dir",
      dir.toString(),
      "--port",
      "8123",
      "--user",
      "alice",
      "--tenant",
      "tenant-a",
      "--role",
      "intern"
    };

    int exit = DevIssuer.run(command, print(out), print(err));

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    SignedJWT token = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
    assertTrue(token.verify(new RSASSAVerifier(served.toRSAPublicKey())));
    assertEquals(served.getKeyID(), token.getHeader().getKeyID());
    assertEquals(DevIssuer.issuerUrl(8123), token.getJWTClaimsSet().getIssuer());
    assertEquals("", err.toString(StandardCharsets.UTF_8)); // an existing key: nothing to report
  }

  @Test
  void saysSoWhenATokenCommandMakesANewKey() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path fresh = dir.resolve("fresh");
    String[] command = {
      "token", "--key-dir", fresh.toString(), "--user", "alice", "--tenant", "t", "--role", "admin"
    };

    int exit = DevIssuer.run(command, print(new ByteArrayOutputStream()), print(err));

    assertEquals(0, exit);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("made a new signing key in " + fresh),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void refusesAnOptionItDoesNotKnowRatherThanIgnoringIt() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] command = {"token", "--dir", dir.toString(), "--user", "alice"};

    int exit = DevIssuer.run(command, print(new ByteArrayOutputStream()), print(err));

    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("token has no option --dir"));
    assertFalse(Files.exists(dir.resolve(SigningKey.FILE)));
  }

  private static PrintStream print(ByteArrayOutputStream sink) {
    return new PrintStream(sink, true, StandardCharsets.UTF_8);
  }

  @Test
  void refusesNamesTheGatewayWouldRefuse() throws Exception {
    TokenMinter minter =
        new TokenMinter(
            SigningKey.loadOrCreate(dir), DevIssuer.issuerUrl(8001), DevIssuer.AUDIENCE);

    assertThrows(
        IllegalArgumentException.class,
        () -> minter.mint("Alice", "tenant-a", "analyst", Duration.ofHours(1), Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () -> minter.mint("alice", "", "analyst", Duration.ofHours(1), Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () -> minter.mint("alice", "tenant-a", null, Duration.ofHours(1), Instant.now()));
  }

  @Test
  void mintsATokenThatAGatewayInJwtModeAccepts() throws Exception {
    RSAKey key = SigningKey.loadOrCreate(dir);

    try (JwksServer issuer = JwksServer.start(key, 0);
        RunningGateway gateway =
            RunningGateway.builder()
                .with("gateway.auth.mode", "jwt")
                .with("gateway.jwt.issuer", DevIssuer.issuerUrl(issuer.port()))
                .with("gateway.jwt.audience", DevIssuer.AUDIENCE)
                .with("gateway.jwt.jwks.url", DevIssuer.issuerUrl(issuer.port()) + JwksServer.PATH)
                .start()) {
      String token =
          new TokenMinter(key, DevIssuer.issuerUrl(issuer.port()), DevIssuer.AUDIENCE)
              .mint("alice", "tenant-b", "admin", Duration.ofMinutes(5), Instant.now());

      RawResponse response =
          new Http(gateway.baseUri()).get("/whoami", Map.of("Authorization", "Bearer " + token));

      assertEquals(200, response.status());
      JsonNode body = response.json();
      assertEquals("alice", body.path("user").asText());
      assertEquals("tenant-b", body.path("tenant").asText());
      assertEquals("admin", body.path("role").asText());
      assertEquals("jwt", body.path("auth_mode").asText());
    }
  }
}
