package dev.retrievalgateway.search;

import dev.retrievalgateway.config.OpenSearchSettings;
import java.time.Clock;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The opensearch-java transport for the store's settings: plain HTTP/1.1 (httpclient5) to a local
 * or self-managed cluster, or the AWS SDK v2 transport that signs every request with SigV4 (service
 * {@code es}) from the function's credentials, for Amazon OpenSearch Service: no password exists
 * anywhere. Both fail a request that takes longer than the request timeout.
 */
final class OpenSearchTransports {
  /** The SigV4 signing name of Amazon OpenSearch Service (managed domains). */
  static final String SIGNING_SERVICE = "es";

  private OpenSearchTransports() {}

  static OpenSearchTransport create(OpenSearchSettings settings) {
    if (settings.signsWithSigV4()) {
      SdkHttpClient http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(settings.connectTimeout())
              .socketTimeout(settings.requestTimeout())
              .build();
      return sigV4(settings, http, DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
    }
    Timeout connect = Timeout.of(settings.connectTimeout());
    Timeout request = Timeout.of(settings.requestTimeout());
    return ApacheHttpClient5TransportBuilder.builder(HttpHost.create(settings.url()))
        .setMapper(new JacksonJsonpMapper())
        .setConnectionConfigCallback(c -> c.setConnectTimeout(connect).setSocketTimeout(request))
        .setRequestConfigCallback(
            r -> r.setConnectionRequestTimeout(connect).setResponseTimeout(request))
        .build();
  }

  /** The signing transport, with its HTTP client, credentials and clock given (tests fix them). */
  static OpenSearchTransport sigV4(
      OpenSearchSettings settings,
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Clock clock) {
    String host = settings.url().getHost();
    if (settings.url().getPort() > 0) {
      host = host + ":" + settings.url().getPort();
    }
    return new AwsSdk2Transport(
        http,
        host,
        SIGNING_SERVICE,
        Region.of(settings.awsRegion().orElseThrow()),
        AwsSdk2TransportOptions.builder()
            .setCredentials(credentials)
            .setSigningClock(clock)
            .setMapper(new JacksonJsonpMapper())
            .build());
  }
}
