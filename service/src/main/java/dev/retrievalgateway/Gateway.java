package dev.retrievalgateway;

import dev.retrievalgateway.config.AuthMode;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.corpus.DemoCorpus;
import dev.retrievalgateway.corpus.InMemoryDocumentStore;
import dev.retrievalgateway.http.GatewayRouting;
import dev.retrievalgateway.identity.HeaderIdentity;
import dev.retrievalgateway.identity.IdentityResolver;
import dev.retrievalgateway.identity.JwtIdentity;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.observe.AuditLog;
import dev.retrievalgateway.observe.JsonLogging;
import dev.retrievalgateway.search.CorpusIndex;
import dev.retrievalgateway.search.CorpusStore;
import dev.retrievalgateway.search.InMemoryCorpusStore;
import dev.retrievalgateway.search.OpenSearchCorpusStore;
import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.search.StoreUnavailableException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalLong;

/**
 * One running gateway: the composition root. Builds the store, index, identity resolver and routing
 * from a validated {@link GatewayConfig}, and starts the Helidon server.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.start(GatewayConfig.from(Config.create()));
 * int port = gateway.port();
 * gateway.stop();
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final SearchableCorpus corpus;
  private final IdentityResolver resolver;
  private final WebServer server;
  private final String version;

  private Gateway(
      GatewayConfig config,
      SearchableCorpus corpus,
      IdentityResolver resolver,
      WebServer server,
      String version) {
    this.config = config;
    this.corpus = corpus;
    this.resolver = resolver;
    this.server = server;
    this.version = version;
  }

  /** Builds and starts a gateway; logs {@code startup} with the port it listens on. */
  public static Gateway start(GatewayConfig config) {
    return start(config, false);
  }

  /**
   * Starts the gateway that the Lambda handler forwards to: as {@link #start}, but the listener
   * trusts the adapter's headers for the client address and the Lambda request ids. Only the Lambda
   * handler calls this, with a loopback host; any other host is refused.
   */
  public static Gateway startBehindLambdaAdapter(GatewayConfig config) {
    if (!GatewayConfig.isLoopback(config.host())) {
      throw new ConfigException(
          "server.host", "the Lambda adapter's listener must be bound to a loopback address");
    }
    return start(config, true);
  }

  private static Gateway start(GatewayConfig config, boolean behindLambdaAdapter) {
    JsonLogging.install();
    String version = BuildInfo.version();
    requirePortFree(config);
    SearchableCorpus corpus = new SearchableCorpus(store(config));
    if (config.seedDemoCorpus()) {
      seedDemoCorpus(corpus);
    }
    IdentityResolver resolver = resolver(config);
    WebServerConfig.Builder builder = WebServer.builder();
    GatewayRouting.configure(builder, config, resolver, corpus, version, behindLambdaAdapter);
    WebServer server = builder.build().start();
    if (!server.isRunning() || server.port() < 0) {
      // Helidon logs the bind failure and returns a server that is not running.
      resolver.close();
      corpus.close();
      throw new ConfigException("server.port", cannotListen(config));
    }
    Gateway gateway = new Gateway(config, corpus, resolver, server, version);
    AuditLog.startup(
        version,
        config.authMode().wireName(),
        config.store().wireName(),
        server.port(),
        documents(corpus),
        config.roles().values());
    return gateway;
  }

  private static CorpusStore store(GatewayConfig config) {
    return switch (config.store()) {
      case MEMORY ->
          new InMemoryCorpusStore(
              new InMemoryDocumentStore(config.maxDocumentsPerTenant(), config.corpusBudget()),
              new CorpusIndex());
      case OPENSEARCH ->
          OpenSearchCorpusStore.connect(
              config.openSearch().orElseThrow(), config.maxDocumentsPerTenant());
    };
  }

  /**
   * Adds the demo documents; those a shared store already holds (another instance, an earlier run)
   * are left as they are. A store that is down at start-up leaves the corpus unseeded and the
   * gateway up: its requests get 503 until the store answers.
   */
  private static void seedDemoCorpus(SearchableCorpus corpus) {
    try {
      for (DemoCorpus.Entry entry : DemoCorpus.documents()) {
        // The demo corpus is configuration, not request input: the one place outside identity
        // that names a tenant (ArchitectureTest allows exactly this class).
        corpus.add(TenantScope.of(entry.tenant()), entry.document());
      }
    } catch (StoreUnavailableException e) {
      AuditLog.storeUnavailable(null, null, e.category().wireName(), "seed");
    }
  }

  private static Long documents(SearchableCorpus corpus) {
    try {
      OptionalLong size = corpus.size();
      return size.isPresent() ? size.getAsLong() : null;
    } catch (StoreUnavailableException e) {
      return null;
    }
  }

  /**
   * Binds the configured port once before Helidon does: Helidon logs a failed bind with a stack
   * trace of some 2,500 characters before it returns, and a port in use is an operator's setting to
   * name in one {@code startup_failed} line. Port 0 (any free port) cannot be in use. A port taken
   * between this probe and Helidon's bind still fails start-up (below), with Helidon's log.
   */
  private static void requirePortFree(GatewayConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as Helidon binds: a port in TIME_WAIT is free
      probe.bind(new InetSocketAddress(config.host(), config.port()));
    } catch (IOException e) {
      throw new ConfigException("server.port", cannotListen(config));
    }
  }

  private static String cannotListen(GatewayConfig config) {
    return "cannot listen on " + config.host() + ":" + config.port() + " (in use?)";
  }

  private static IdentityResolver resolver(GatewayConfig config) {
    if (config.authMode() == AuthMode.HEADER) {
      return new HeaderIdentity(config.roles());
    }
    return new JwtIdentity(config.jwt().orElseThrow(), config.roles());
  }

  /** The port the public listener is bound to. */
  public int port() {
    return server.port();
  }

  public GatewayConfig config() {
    return config;
  }

  public String version() {
    return version;
  }

  /** Stops the server; logs {@code shutdown}. */
  public void stop() {
    int port = server.port();
    server.stop();
    AuditLog.shutdown(
        version, config.authMode().wireName(), config.store().wireName(), port, documents(corpus));
    resolver.close();
    corpus.close();
  }

  @Override
  public void close() {
    stop();
  }
}
