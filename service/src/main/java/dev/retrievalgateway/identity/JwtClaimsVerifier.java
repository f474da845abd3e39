package dev.retrievalgateway.identity;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DateUtils;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * nimbus's claims verifier with the contract's rules: {@code iss} exactly the configured issuer,
 * {@code aud} naming the configured audience, {@code sub} and {@code exp} required, {@code nbf}
 * honoured, all with at most {@value #MAX_CLOCK_SKEW_SECONDS} s of clock skew. nimbus does not look
 * at {@code iat}; this class adds that a token issued in the future (beyond the skew) is refused. A
 * time claim that is JSON {@code null} is refused: nimbus reads it as absent, which for {@code exp}
 * would mean a token that never expires although {@code exp} is required, and for {@code nbf} and
 * {@code iat} a claim that is there but says nothing (an issuer that sets no bound leaves the claim
 * out). The clock is injected so that tests can stand exactly on the skew boundary.
 */
final class JwtClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
  static final int MAX_CLOCK_SKEW_SECONDS = 60;

  private static final List<String> TIME_CLAIMS =
      List.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.NOT_BEFORE, JWTClaimNames.ISSUED_AT);

  private final Clock clock;

  JwtClaimsVerifier(String issuer, String audience, Clock clock) {
    super(
        Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer).build(),
        Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME),
        null);
    this.clock = clock;
    setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    for (String name : TIME_CLAIMS) {
      if (claims.getClaims().containsKey(name) && claims.getClaim(name) == null) {
        throw new BadJWTException(name + " is null");
      }
    }
    super.verify(claims, context);
    Date issuedAt = issuedAt(claims);
    if (issuedAt != null && !DateUtils.isBefore(issuedAt, currentTime(), getMaxClockSkew())) {
      throw new BadJWTException("iat in the future");
    }
  }

  @Override
  protected Date currentTime() {
    return Date.from(clock.instant());
  }

  private static Date issuedAt(JWTClaimsSet claims) throws BadJWTException {
    try {
      return claims.getDateClaim(JWTClaimNames.ISSUED_AT);
    } catch (java.text.ParseException e) {
      throw new BadJWTException("iat not a number");
    }
  }
}
