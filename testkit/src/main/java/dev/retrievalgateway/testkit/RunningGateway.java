package dev.retrievalgateway.testkit;

import dev.retrievalgateway.Gateway;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.opensearchnode.OpenSearchNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real gateway on a free loopback port, configured from the service's {@code application.yaml}
 * plus the overrides given here (environment variables and system properties are ignored, so a test
 * sees the same configuration on every machine).
 *
 * <p>One system property chooses the store for a whole test run: {@code -Dgateway.store=opensearch}
 * puts every gateway this class starts on OpenSearch ({@link OpenSearchNode#sharedUrl()}: the node
 * named by {@code opensearch.url}, or one started for the run), each under an index prefix of its
 * own, so that two gateways never share a document, as two in-memory ones would not. Closing the
 * gateway deletes its indices.
 *
 * <pre>{@code
 * try (RunningGateway gw = RunningGateway.builder().with("gateway.throttle.rate", "5").start()) {
 *   HttpResponse<String> r = client.send(HttpRequest.newBuilder(gw.uri("/health")).build(), ofString());
 * }
 * }</pre>
 */
public final class RunningGateway implements AutoCloseable {
  /** The system property that puts every test gateway of the run on another store. */
  public static final String STORE_PROPERTY = "gateway.store";

  private final Gateway gateway;

  private RunningGateway(Gateway gateway) {
    this.gateway = gateway;
  }

  /**
   * The store this test run's gateways use: {@code memory} unless {@value #STORE_PROPERTY} says.
   */
  public static String storeOfThisRun() {
    return System.getProperty(STORE_PROPERTY, "memory");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The validated configuration these overrides produce, without starting anything. */
  public static GatewayConfig config(Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.port", "0");
    if (storeOfThisRun().equals("opensearch") && !overrides.containsKey("gateway.store")) {
      settings.put("gateway.store", "opensearch");
      settings.put("gateway.opensearch.url", OpenSearchNode.sharedUrl().toString());
      settings.put("gateway.opensearch.index.prefix", OpenSearchIndices.freshPrefix());
    }
    settings.putAll(overrides);
    Config config =
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
            .build();
    return GatewayConfig.from(config);
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + gateway.port());
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUri() + pathAndQuery);
  }

  public int port() {
    return gateway.port();
  }

  public Gateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    gateway.stop();
    gateway.config().openSearch().ifPresent(OpenSearchIndices::deleteAll);
  }

  /** Settings for a test gateway; keys as in {@code application.yaml}. */
  public static final class Builder {
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    public Builder with(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** Throttling out of the way, for tests that send many requests as a few principals. */
    public Builder unthrottled() {
      return with("gateway.throttle.rate", "1000000").with("gateway.throttle.burst", "1000000");
    }

    public RunningGateway start() {
      return new RunningGateway(Gateway.start(config(overrides)));
    }
  }
}
