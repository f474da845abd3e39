package dev.retrievalgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the gateway reaches its OpenSearch store ({@code gateway.store: opensearch}).
 *
 * <p>{@code url} is https, or http to a loopback host only (a local node); {@code indexPrefix}
 * starts every index name this gateway makes, so that several deployments (or test runs) can share
 * one cluster without sharing an index; {@code awsRegion} is set exactly when requests are signed
 * with SigV4 ({@code gateway.opensearch.auth: aws-sigv4}, Amazon OpenSearch Service).
 */
public record OpenSearchSettings(
    URI url,
    Optional<String> awsRegion,
    String indexPrefix,
    int shards,
    int replicas,
    Duration connectTimeout,
    Duration requestTimeout) {

  /** True when requests are signed with AWS SigV4 (service {@code es}) instead of sent plain. */
  public boolean signsWithSigV4() {
    return awsRegion.isPresent();
  }
}
