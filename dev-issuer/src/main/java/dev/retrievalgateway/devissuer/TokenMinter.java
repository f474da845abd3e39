package dev.retrievalgateway.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mints an RS256 token as the gateway's JWT mode expects one: {@code iss} the issuer URL, {@code
 * aud} retrieval-gateway, {@code sub} the user, {@code tenant} and {@code role} claims, {@code
 * iat}, {@code exp}, a fresh {@code jti}. Names that the gateway would refuse are refused here,
 * with a message that says why (the gateway's 401 never does).
 */
final class TokenMinter {
  /** The gateway's rule for user and tenant names (CONTRACT.md, Identity). */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final RSAKey key;
  private final String issuer;
  private final String audience;

  TokenMinter(RSAKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** A signed token for {@code user} of {@code tenant} in {@code role}, valid for {@code ttl}. */
  String mint(String user, String tenant, String role, Duration ttl, Instant now) {
    require("USER", user, NAME);
    require("TENANT", tenant, NAME);
    require("ROLE", role, NAME);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(user)
            .claim("tenant", tenant)
            .claim("role", role)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(key.getKeyID())
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the development key", e);
    }
    return jwt.serialize();
  }

  private static void require(String what, String value, Pattern rule) {
    if (value == null || !rule.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1 to 64 characters of a-z 0-9 . _ - starting with a letter or digit");
    }
  }
}
