package dev.retrievalgateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.retrievalgateway.access.PrincipalName;
import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.JwtSettings;
import io.helidon.http.Headers;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JWT mode: the principal comes from an {@code Authorization: Bearer} token that the issuer signed,
 * hardened per RFC 8725. In order: the token must be three canonical base64url segments (before
 * anything parses it); its {@code typ}, if any, {@code JWT} or {@code at+jwt}; its {@code alg} on
 * the allow-list; its signature made by a key from the issuer's JWKS (never a key the token names
 * itself); {@code crit}, if any, a non-empty list, and only with names the verifier understands
 * (none); {@code iss}, {@code aud}, {@code exp}, {@code nbf} and {@code iat} as {@link
 * JwtClaimsVerifier} checks them; and its {@code sub}, tenant claim and role claim strings that
 * obey header mode's rules. The identity is {@code (iss, sub, tenant)}. {@code X-User}, {@code
 * X-Tenant} and {@code X-Role} are never read.
 *
 * <p>A failure is a fixed reason category, never a library's message: nimbus's messages quote the
 * token. When the issuer's keys cannot be had and no cached key fits, the result is {@link
 * IdentityResult.Unavailable} ({@code 503}), never a guess.
 *
 * <pre>
 * TOKEN=$(make dev-token USER=alice TENANT=tenant-a ROLE=analyst)
 * curl -s http://127.0.0.1:8000/whoami -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
public final class JwtIdentity implements IdentityResolver, AutoCloseable {
  private final JwtSettings settings;
  private final Map<String, Role> roles;
  private final JwtKeys keys;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /** A resolver that fetches the issuer's keys from {@code settings.jwksUrl()}. */
  public JwtIdentity(JwtSettings settings, Map<String, Role> roles) {
    this(
        settings,
        roles,
        JwtKeys.remote(settings.jwksUrl(), settings.jwksRefresh()),
        Clock.systemUTC());
  }

  JwtIdentity(JwtSettings settings, Map<String, Role> roles, JwtKeys keys, Clock clock) {
    this.settings = settings;
    this.roles = Map.copyOf(roles);
    this.keys = keys;
    Set<JWSAlgorithm> allowed =
        settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    // typ: JWT, at+jwt, or none at all (Amazon Cognito sends none); compared case-insensitively.
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JwtKeySelector(allowed, keys.source()));
    processor.setJWTClaimsSetVerifier(
        new JwtClaimsVerifier(settings.issuer(), settings.audience(), clock));
  }

  @Override
  public IdentityResult resolve(Headers headers) {
    return switch (BearerCredential.from(headers)) {
      case BearerCredential.Absent absent -> new IdentityResult.Rejected("no_token", false);
      case BearerCredential.Malformed malformed -> rejected("malformed_credentials");
      case BearerCredential.Token token -> verify(token.value());
    };
  }

  private IdentityResult verify(String token) {
    if (!CanonicalBase64Url.isCompactJws(token)) {
      return rejected("malformed_token");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
      if (!criticalListWellFormed(jwt)) {
        return rejected("bad_header");
      }
      processor.process(jwt, null);
    } catch (ParseException e) {
      return rejected("malformed_token");
    } catch (JWKSetUnavailableException e) {
      return new IdentityResult.Unavailable();
    } catch (JwtKeySelector.NoMatchingKeyException | RateLimitReachedException e) {
      // The key set has no such key. If the last fetch failed, it may just be one we could not get.
      return keys.reachable() ? rejected("unknown_key") : new IdentityResult.Unavailable();
    } catch (BadJWSException e) {
      return rejected("bad_signature");
    } catch (BadJWTException e) {
      return rejected("bad_claims");
    } catch (BadJOSEException e) {
      return rejected("bad_header"); // typ, alg outside the allow-list
    } catch (JOSEException e) {
      return rejected("unverifiable");
    }
    // The payload as JSON, not as nimbus's claims set: nimbus turns a numeric sub into a string.
    Map<String, Object> claims = jwt.getPayload().toJSONObject();
    return claims == null ? rejected("bad_claims") : principal(claims);
  }

  /**
   * {@code crit}, when present, must be a non-empty array (RFC 7515 §4.1.11). nimbus reads {@code
   * []} as "no critical names" and {@code null} as absent, so the header's own JSON is checked;
   * non-empty lists are left to nimbus, which refuses every name (the gateway understands none).
   */
  private static boolean criticalListWellFormed(SignedJWT jwt) throws ParseException {
    Map<String, Object> header =
        JSONObjectUtils.parse(jwt.getHeader().getParsedBase64URL().decodeToString());
    return !header.containsKey("crit")
        || (header.get("crit") instanceof List<?> names && !names.isEmpty());
  }

  /** sub, tenant and role obey header mode's rules; any other JSON type is a failure. */
  private IdentityResult principal(Map<String, Object> claims) {
    if (!(claims.get("sub") instanceof String user) || !PrincipalName.isValid(user)) {
      return rejected("bad_subject");
    }
    if (!(claims.get(settings.tenantClaim()) instanceof String tenant)
        || !PrincipalName.isValid(tenant)) {
      return rejected("bad_tenant_claim");
    }
    if (!(claims.get(settings.roleClaim()) instanceof String roleName)
        || !roles.containsKey(roleName)) {
      return rejected("bad_role_claim");
    }
    return new IdentityResult.Verified(
        new Principal(settings.issuer(), user, TenantScope.of(tenant), roles.get(roleName)));
  }

  private static IdentityResult rejected(String category) {
    return new IdentityResult.Rejected(category, true);
  }

  @Override
  public void close() {
    try {
      keys.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
