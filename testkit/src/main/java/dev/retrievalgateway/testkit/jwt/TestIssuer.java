package dev.retrievalgateway.testkit.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * A token issuer for tests: an RSA and an EC signing key, their public JWKS, and a builder that
 * mints valid tokens by default and any malformed or malicious variant on request.
 *
 * <pre>{@code
 * TestIssuer issuer = TestIssuer.generate();
 * jwks.serves(issuer.publicKeys());
 * String token = issuer.token(now).claim("tenant", "tenant-b").compact();
 * String attack = issuer.token(now).header(h -> h.jwkURL(attackerUri)).compact();
 * }</pre>
 */
public final class TestIssuer {
  public static final String ISSUER = "https://issuer.example.test";
  public static final String AUDIENCE = "retrieval-gateway";
  public static final String RSA_KID = "rsa-1";
  public static final String EC_KID = "ec-1";

  private final RSAKey rsa;
  private final ECKey ec;

  private TestIssuer(RSAKey rsa, ECKey ec) {
    this.rsa = rsa;
    this.ec = ec;
  }

  /** An issuer with fresh keys named {@value #RSA_KID} and {@value #EC_KID}. */
  public static TestIssuer generate() {
    return generate(RSA_KID, EC_KID);
  }

  /** An issuer with fresh keys under the given key ids (a rotation uses new ids). */
  public static TestIssuer generate(String rsaKid, String ecKid) {
    try {
      return new TestIssuer(
          new RSAKeyGenerator(2048).keyID(rsaKid).generate(),
          new ECKeyGenerator(Curve.P_256).keyID(ecKid).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAKey rsaKey() {
    return rsa;
  }

  public ECKey ecKey() {
    return ec;
  }

  /** The public key set, as the issuer's JWKS endpoint serves it. */
  public JWKSet publicKeys() {
    return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
  }

  /**
   * A valid RS256 token as of {@code now}: {@code typ} JWT, {@code kid} {@value #RSA_KID}, {@code
   * iss}, {@code aud}, {@code sub} alice, {@code tenant} tenant-a, {@code role} analyst, {@code
   * iat} now, {@code exp} five minutes later. Change any part before {@link Token#compact()}.
   */
  public Token token(Instant now) {
    return new Token(rsa, now);
  }

  /** A valid ES256 token as of {@code now}, otherwise as {@link #token(Instant)}. */
  public Token es256Token(Instant now) {
    return new Token(ec, now).algorithm(JWSAlgorithm.ES256);
  }

  /** Joins raw segments: for tokens no signer would produce (alg none, zero signatures). */
  public static String compact(String headerJson, String payloadJson, byte[] signature) {
    return Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + Base64URL.encode(signature);
  }

  /** A token under construction; every setter returns this builder. */
  public static final class Token {
    private JWK signingKey;
    private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
    private final List<Consumer<JWSHeader.Builder>> headerChanges = new ArrayList<>();
    private final JWTClaimsSet.Builder claims;
    private String rawPayload;
    private String rawHeader;

    private Token(JWK key, Instant now) {
      this.signingKey = key;
      headerChanges.add(h -> h.type(JOSEObjectType.JWT).keyID(key.getKeyID()));
      this.claims =
          new JWTClaimsSet.Builder()
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .subject("alice")
              .claim("tenant", "tenant-a")
              .claim("role", "analyst")
              .issueTime(Date.from(now))
              .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public Token algorithm(JWSAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /** Changes any header parameter: {@code kid}, {@code typ}, {@code jwk}, {@code crit}, ... */
    public Token header(Consumer<JWSHeader.Builder> change) {
      headerChanges.add(change);
      return this;
    }

    public Token claim(String name, Object value) {
      claims.claim(name, value);
      return this;
    }

    /** Removes a claim from the payload. */
    public Token without(String name) {
      claims.claim(name, null);
      return this;
    }

    /** Changes claims through nimbus's builder (times as {@link Date}, audiences as lists). */
    public Token claims(Consumer<JWTClaimsSet.Builder> change) {
      change.accept(claims);
      return this;
    }

    /** Signs this exact JSON text as the payload instead of the claims (e.g. a JSON null). */
    public Token rawPayload(String json) {
      this.rawPayload = json;
      return this;
    }

    /**
     * Signs this exact JSON text as the protected header, bypassing nimbus's header builder (which
     * drops an empty {@code crit}); {@link #algorithm} must match the header's {@code alg}.
     */
    public Token rawHeader(String json) {
      this.rawHeader = json;
      return this;
    }

    /** Signs with another key (an attacker's, an HMAC secret, ...). */
    public Token signedWith(JWK key) {
      this.signingKey = key;
      return this;
    }

    /** The signed compact token. */
    public String compact() {
      String payload = rawPayload != null ? rawPayload : claims.build().toString();
      try {
        JWSObject jws = new JWSObject(header(), new Payload(payload));
        jws.sign(signer(signingKey));
        return jws.serialize();
      } catch (JOSEException | java.text.ParseException e) {
        throw new IllegalStateException(e);
      }
    }

    private JWSHeader header() throws java.text.ParseException {
      if (rawHeader != null) {
        // A parsed header keeps its original base64url, so the signature covers these exact bytes.
        return JWSHeader.parse(Base64URL.encode(rawHeader.getBytes(StandardCharsets.UTF_8)));
      }
      JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
      headerChanges.forEach(change -> change.accept(header));
      return header.build();
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
      if (key instanceof RSAKey rsaKey) {
        return new RSASSASigner(rsaKey);
      }
      if (key instanceof ECKey ecKey) {
        return new ECDSASigner(ecKey);
      }
      if (key instanceof OctetSequenceKey secret) {
        return new MACSigner(secret);
      }
      throw new IllegalArgumentException("no signer for key type " + key.getKeyType());
    }
  }
}
