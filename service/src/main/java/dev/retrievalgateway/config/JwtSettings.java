package dev.retrievalgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * JWT mode settings, validated: issuer and audience required, the JWKS URL https (or http on a
 * loopback host), an allow-list of asymmetric algorithms only.
 */
public record JwtSettings(
    String issuer,
    String audience,
    URI jwksUrl,
    List<String> algorithms,
    Duration jwksRefresh,
    String tenantClaim,
    String roleClaim) {
  public JwtSettings {
    algorithms = List.copyOf(algorithms);
  }
}
