package dev.retrievalgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.testkit.RunningGateway;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The store settings: {@code gateway.store} and {@code gateway.opensearch.*}. */
@Tag("claim:config-fail-fast")
class StoreConfigTest {

  @Test
  void theInMemoryStoreIsTheDefault() {
    GatewayConfig config = RunningGateway.config(Map.of("gateway.store", "memory"));

    assertEquals(StoreKind.MEMORY, config.store());
    assertEquals(Optional.empty(), config.openSearch());
  }

  @Test
  void readsTheOpenSearchSettingsWithTheirDefaults() {
    GatewayConfig config = RunningGateway.config(openSearch("http://127.0.0.1:9200"));

    OpenSearchSettings os = config.openSearch().orElseThrow();
    assertEquals(StoreKind.OPENSEARCH, config.store());
    assertEquals(URI.create("http://127.0.0.1:9200"), os.url());
    assertEquals("rg-", os.indexPrefix());
    assertEquals(1, os.shards());
    assertEquals(0, os.replicas());
    assertEquals(Duration.ofSeconds(1), os.connectTimeout());
    assertEquals(Duration.ofSeconds(5), os.requestTimeout());
    assertEquals(Optional.empty(), os.awsRegion());
  }

  @Test
  void signsWithSigV4InTheNamedRegion() {
    Map<String, String> settings = openSearch("https://search-rg.eu-west-1.es.amazonaws.com");
    settings.put("gateway.opensearch.auth", "aws-sigv4");
    settings.put("gateway.opensearch.aws.region", "eu-west-1");

    OpenSearchSettings os = RunningGateway.config(settings).openSearch().orElseThrow();

    assertTrue(os.signsWithSigV4());
    assertEquals(Optional.of("eu-west-1"), os.awsRegion());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "gateway.store, elastic",
    "gateway.opensearch.url, http://search.example.com:9200",
    "gateway.opensearch.url, http://10.0.0.5:9200",
    "gateway.opensearch.url, ftp://127.0.0.1:9200",
    "gateway.opensearch.url, https://search.example.com/prefix",
    "gateway.opensearch.url, not a url",
    "gateway.opensearch.auth, basic",
    "gateway.opensearch.aws.region, Europe",
    "gateway.opensearch.index.prefix, -rg",
    "gateway.opensearch.index.prefix, .rg",
    "gateway.opensearch.index.prefix, RG-",
    "gateway.opensearch.index.prefix, rg*",
    "gateway.opensearch.index.prefix, r:g",
    "gateway.opensearch.shards, 0",
    "gateway.opensearch.replicas, 9",
    "gateway.opensearch.timeout.connect, 0",
    "gateway.opensearch.timeout.request, soon",
  })
  void refusesABadStoreSettingNamingItsKey(String key, String value) {
    Map<String, String> settings = openSearch("https://search.example.com");
    if (key.equals("gateway.opensearch.aws.region")) {
      settings.put("gateway.opensearch.auth", "aws-sigv4");
    }
    settings.put(key, value);

    ConfigException e = assertThrows(ConfigException.class, () -> RunningGateway.config(settings));

    assertEquals(key, e.key());
  }

  @Test
  void requiresTheUrlAndTheRegionWhenTheyAreNeeded() {
    Map<String, String> noUrl = new HashMap<>(Map.of("gateway.store", "opensearch"));
    Map<String, String> noRegion = openSearch("https://search.example.com");
    noRegion.put("gateway.opensearch.auth", "aws-sigv4");

    assertEquals(
        "gateway.opensearch.url",
        assertThrows(ConfigException.class, () -> RunningGateway.config(noUrl)).key());
    assertEquals(
        "gateway.opensearch.aws.region",
        assertThrows(ConfigException.class, () -> RunningGateway.config(noRegion)).key());
  }

  private static Map<String, String> openSearch(String url) {
    Map<String, String> settings = new HashMap<>();
    settings.put("gateway.store", "opensearch");
    settings.put("gateway.opensearch.url", url);
    return settings;
  }
}
