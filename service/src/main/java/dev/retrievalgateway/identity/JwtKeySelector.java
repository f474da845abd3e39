package dev.retrievalgateway.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * nimbus's key selector (keys only from the issuer's JWK source, only for allow-listed algorithms,
 * never from the token's {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}), which also says
 * when an allowed token names a key the issuer's set does not have, so that the resolver can tell
 * an unknown key during a JWKS outage ({@code 503}) from one while the JWKS is healthy ({@code
 * 401}).
 */
final class JwtKeySelector extends JWSVerificationKeySelector<SecurityContext> {

  JwtKeySelector(Set<JWSAlgorithm> allowed, JWKSource<SecurityContext> keys) {
    super(allowed, keys);
  }

  @Override
  public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context)
      throws KeySourceException {
    List<Key> keys = super.selectJWSKeys(header, context);
    if (keys.isEmpty() && isAllowed(header.getAlgorithm())) {
      throw new NoMatchingKeyException();
    }
    return keys;
  }

  /** An allow-listed token whose key the issuer's current key set does not hold. */
  static final class NoMatchingKeyException extends KeySourceException {
    NoMatchingKeyException() {
      super("no matching key");
    }
  }
}
