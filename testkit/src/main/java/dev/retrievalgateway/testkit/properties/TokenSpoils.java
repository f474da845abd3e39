package dev.retrievalgateway.testkit.properties;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways a JWT-mode request can fail to carry exactly one valid token: no credentials, identity
 * headers instead, two headers or two credentials, another scheme, the token in the URL or a
 * cookie, any changed character, wrong issuer, audience or times, missing or spoiled identity
 * claims, a claim of the wrong type, {@code alg: none}, an HMAC or a foreign key, an unknown {@code
 * crit} header, a wrong {@code typ}. The contract's answer to each is {@code 401}.
 */
enum TokenSpoils {
  NO_CREDENTIALS,
  IDENTITY_HEADERS_INSTEAD,
  TWO_AUTHORIZATION_HEADERS,
  TWO_CREDENTIALS,
  OTHER_SCHEME,
  SCHEME_ONLY,
  IN_QUERY_STRING,
  IN_COOKIE,
  CHANGED_CHARACTER,
  TRUNCATED,
  EXTENDED,
  WRONG_ISSUER,
  WRONG_AUDIENCE,
  EXPIRED,
  NOT_YET_VALID,
  ISSUED_IN_THE_FUTURE,
  NO_SUBJECT,
  NO_EXPIRY,
  NO_TENANT,
  NO_ROLE,
  USER_NOT_EXACT,
  TENANT_NOT_EXACT,
  ROLE_NOT_EXACT,
  TENANT_OF_WRONG_TYPE,
  ALG_NONE,
  HMAC_SIGNED,
  FOREIGN_KEY,
  UNKNOWN_CRITICAL_HEADER,
  WRONG_TYP;

  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /**
   * The attempt for an identity {@code id} (as claims), made from tokens of {@code issuer} valid as
   * of {@code now}; {@code foreign} is an issuer the gateway does not trust, with the same key ids.
   */
  BearerAttempt apply(
      IdentityHeaders id, TestIssuer issuer, TestIssuer foreign, Instant now, int at) {
    String user = id.user().get(0);
    String tenant = id.tenant().get(0);
    String role = id.role().get(0);
    String valid = token(issuer, now, user, tenant, role).compact();
    String name = name();
    return switch (this) {
      case NO_CREDENTIALS -> new BearerAttempt(name, List.of(), Map.of(), "");
      case IDENTITY_HEADERS_INSTEAD ->
          new BearerAttempt(
              name, List.of(), Map.of("X-User", user, "X-Tenant", tenant, "X-Role", role), "");
      case TWO_AUTHORIZATION_HEADERS ->
          new BearerAttempt(name, List.of("Bearer " + valid, "Bearer " + valid), Map.of(), "");
      case TWO_CREDENTIALS ->
          new BearerAttempt(
              name,
              List.of(
                  at % 2 == 0
                      ? "Bearer " + valid + " " + valid
                      : "Bearer " + valid + ", Bearer " + valid),
              Map.of(),
              "");
      case OTHER_SCHEME ->
          new BearerAttempt(
              name,
              List.of(List.of("Basic ", "Token ", "JWT ", "").get(at % 4) + valid),
              Map.of(),
              "");
      case SCHEME_ONLY -> new BearerAttempt(name, List.of("Bearer"), Map.of(), "");
      case IN_QUERY_STRING ->
          new BearerAttempt(name, List.of(), Map.of(), "?access_token=" + valid);
      case IN_COOKIE ->
          new BearerAttempt(name, List.of(), Map.of("Cookie", "access_token=" + valid), "");
      case CHANGED_CHARACTER -> BearerAttempt.bearer(name, changed(valid, at));
      case TRUNCATED -> BearerAttempt.bearer(name, valid.substring(0, valid.length() - 1 - at % 8));
      case EXTENDED ->
          BearerAttempt.bearer(name, valid + List.of("=", "A", ".", "==", "%3D").get(at % 5));
      case WRONG_ISSUER ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .claims(c -> c.issuer("https://issuer.example.evil")));
      case WRONG_AUDIENCE ->
          bearer(token(issuer, now, user, tenant, role).claims(c -> c.audience("another-api")));
      case EXPIRED ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .claims(
                      c ->
                          c.issueTime(Date.from(now.minusSeconds(3600)))
                              .expirationTime(Date.from(now.minusSeconds(61 + at)))));
      case NOT_YET_VALID ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(61 + at)))));
      case ISSUED_IN_THE_FUTURE ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .claims(c -> c.issueTime(Date.from(now.plusSeconds(61 + at)))));
      case NO_SUBJECT -> bearer(token(issuer, now, user, tenant, role).without("sub"));
      case NO_EXPIRY -> bearer(token(issuer, now, user, tenant, role).without("exp"));
      case NO_TENANT -> bearer(token(issuer, now, user, tenant, role).without("tenant"));
      case NO_ROLE -> bearer(token(issuer, now, user, tenant, role).without("role"));
      case USER_NOT_EXACT -> bearer(token(issuer, now, spoiled(user, false, at), tenant, role));
      case TENANT_NOT_EXACT -> bearer(token(issuer, now, user, spoiled(tenant, false, at), role));
      case ROLE_NOT_EXACT -> bearer(token(issuer, now, user, tenant, spoiled(role, true, at)));
      case TENANT_OF_WRONG_TYPE ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .claim("tenant", List.<Object>of(5, List.of(tenant), true).get(at % 3)));
      case ALG_NONE -> {
        String payload =
            token(issuer, now, user, tenant, role).claims(c -> {}).compact().split("\\.")[1];
        String header =
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        yield BearerAttempt.bearer(name, header + "." + payload + ".");
      }
      case HMAC_SIGNED -> {
        byte[] secret =
            issuer.rsaKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        OctetSequenceKey hmac =
            new OctetSequenceKey.Builder(secret).keyID(TestIssuer.RSA_KID).build();
        yield bearer(
            token(issuer, now, user, tenant, role).algorithm(JWSAlgorithm.HS256).signedWith(hmac));
      }
      case FOREIGN_KEY -> bearer(token(foreign, now, user, tenant, role));
      case UNKNOWN_CRITICAL_HEADER ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .header(
                      h -> h.criticalParams(Set.of("x-policy")).customParam("x-policy", "strict")));
      case WRONG_TYP ->
          bearer(
              token(issuer, now, user, tenant, role)
                  .header(
                      h ->
                          h.type(
                              new JOSEObjectType(List.of("JOSE", "jwt+json", "JWS").get(at % 3)))));
    };
  }

  private BearerAttempt bearer(TestIssuer.Token token) {
    return BearerAttempt.bearer(name(), token.compact());
  }

  /** A valid token of {@code issuer} for exactly these identity claims. */
  static TestIssuer.Token token(
      TestIssuer issuer, Instant now, String user, String tenant, String role) {
    return issuer
        .token(now)
        .claims(c -> c.subject(user))
        .claim("tenant", tenant)
        .claim("role", role);
  }

  /** The token with one base64url character replaced by another. */
  private static String changed(String token, int at) {
    int i = at % token.length();
    while (token.charAt(i) == '.') {
      i = (i + 1) % token.length();
    }
    char c = token.charAt(i);
    char other = BASE64URL.charAt((BASE64URL.indexOf(c) + 1 + at % 63) % 64);
    return token.substring(0, i) + other + token.substring(i + 1);
  }

  private static String spoiled(String value, boolean role, int at) {
    List<IdentitySpoils> spoils = IdentitySpoils.ofValues();
    return spoils.get(at % spoils.size()).spoil(value, role, at / spoils.size()).get(0);
  }
}
