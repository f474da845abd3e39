package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.config.OpenSearchSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The transport the gateway uses for Amazon OpenSearch Service signs every request with SigV4 for
 * service {@code es} in the configured region, with the function's credentials: checked on the
 * request it hands to the HTTP client, with a fixed clock and fixed credentials.
 */
@Tag("claim:store-opensearch")
class OpenSearchSigV4Test {
  private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
  private static final OpenSearchSettings SETTINGS =
      new OpenSearchSettings(
          URI.create("https://search-rg-dev.eu-west-1.es.amazonaws.com"),
          Optional.of("eu-west-1"),
          "rg-",
          1,
          1,
          Duration.ofSeconds(1),
          Duration.ofSeconds(5));

  @Test
  void signsForServiceEsInTheRegionWithTheFunctionsCredentials() throws Exception {
    SdkHttpRequest request = signedIndexExistsRequest("AKIDEXAMPLE", SETTINGS);

    String authorization = request.firstMatchingHeader("Authorization").orElseThrow();
    assertTrue(
        authorization.startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/eu-west-1/es/aws4_request, "),
        authorization);
    assertTrue(authorization.contains("SignedHeaders="), authorization);
    assertTrue(authorization.matches(".*Signature=[0-9a-f]{64}$"), authorization);
    assertEquals("20261202T101530Z", request.firstMatchingHeader("X-Amz-Date").orElseThrow());
    assertEquals("https", request.protocol());
    assertEquals("search-rg-dev.eu-west-1.es.amazonaws.com", request.host());
  }

  @Test
  void theSignatureDependsOnTheCredentialsAndTheRegionOnly() throws Exception {
    OpenSearchSettings otherRegion =
        new OpenSearchSettings(
            SETTINGS.url(),
            Optional.of("us-east-1"),
            "rg-",
            1,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    String once = authorization(signedIndexExistsRequest("AKIDEXAMPLE", SETTINGS));
    String again = authorization(signedIndexExistsRequest("AKIDEXAMPLE", SETTINGS));
    String otherKey = authorization(signedIndexExistsRequest("AKIDOTHER", SETTINGS));
    String elsewhere = authorization(signedIndexExistsRequest("AKIDEXAMPLE", otherRegion));

    assertEquals(once, again, "deterministic for a fixed clock and credentials");
    assertNotEquals(once, otherKey);
    assertTrue(elsewhere.contains("/us-east-1/es/aws4_request"), elsewhere);
  }

  private static String authorization(SdkHttpRequest request) {
    return request.firstMatchingHeader("Authorization").orElseThrow();
  }

  /** Sends one HEAD /rg-public-tenant-a through the signing transport and returns what it sent. */
  private static SdkHttpRequest signedIndexExistsRequest(String keyId, OpenSearchSettings settings)
      throws Exception {
    Capturing http = new Capturing();
    try (OpenSearchTransport transport =
        OpenSearchTransports.sigV4(
            settings,
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, "secret-key")),
            Clock.fixed(NOW, ZoneOffset.UTC))) {
      new OpenSearchClient(transport).indices().exists(e -> e.index("rg-public-tenant-a"));
    }
    assertEquals(1, http.requests.size());
    return http.requests.get(0);
  }

  /** An HTTP client that answers 200 to everything and keeps each request it was given. */
  private static final class Capturing implements SdkHttpClient {
    final List<SdkHttpRequest> requests = new ArrayList<>();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      requests.add(request.httpRequest());
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(new byte[0])))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
