package dev.retrievalgateway.config;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.PrincipalName;
import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.corpus.InMemoryDocumentStore;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How this instance is set up: read once from Helidon config ({@code application.yaml}, overridden
 * by environment variables such as {@code GATEWAY_AUTH_MODE}), validated, immutable. A missing or
 * invalid setting throws {@link ConfigException} naming the key, so start-up stops before anything
 * listens. Defaults live in {@code application.yaml} only, never as a second copy here: a key the
 * merged sources lack is refused as not set (only the in-memory budget, derived from the heap, has
 * no value in the YAML).
 *
 * <p>Roles are the one exception: they come from {@code application.yaml} only. Helidon would let
 * {@code GATEWAY_ROLES_0_CLEARANCE=restricted} rewrite one field of one list entry (silently giving
 * interns restricted reads), and {@code GATEWAY_ROLES_3_NAME} breaks its merge of the list with a
 * stack trace. An environment variable or system property under {@code gateway.roles} is therefore
 * refused, naming {@code gateway.roles}, rather than ignored: the operator who set it learns at
 * start-up that it has no effect.
 */
public record GatewayConfig(
    String host,
    int port,
    AuthMode authMode,
    Optional<JwtSettings> jwt,
    boolean seedDemoCorpus,
    int maxDocumentsPerTenant,
    InMemoryDocumentStore.Budget corpusBudget,
    long throttleRate,
    long throttleBurst,
    boolean lambdaInsecureHeaderMode,
    Map<String, Role> roles,
    StoreKind store,
    Optional<OpenSearchSettings> openSearch,
    ServerTimeouts timeouts) {

  /** Asymmetric JWS algorithms that the allow-list may name; anything else is refused. */
  static final Set<String> ASYMMETRIC_ALGORITHMS =
      Set.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES256K", "ES384", "ES512",
          "EdDSA", "Ed25519");

  private static final String ROLES_KEY = "gateway.roles";

  /**
   * An index prefix: lower-case letters, digits and dashes, starting with a letter or digit, so
   * that no index name the store makes is hidden ({@code .}), a wildcard, or refused by OpenSearch.
   */
  private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public GatewayConfig {
    // In the YAML's order, which the startup event reports.
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /**
   * Reads and validates the settings of {@link Config#create()}: {@code application.yaml}, the
   * environment and system properties. Roles set outside the YAML are refused before Helidon merges
   * the sources, and a merge that fails anyway is a {@link ConfigException}, not a stack.
   */
  public static GatewayConfig load() {
    return load(Config::create);
  }

  /**
   * As {@link #load()}, from the config the supplier builds (the Lambda entry point names its own
   * sources): roles set outside YAML are refused before Helidon merges anything.
   */
  public static GatewayConfig load(Supplier<Config> sources) {
    refuseRolesOutsideYaml(System.getenv(), System.getProperties());
    Config config;
    try {
      config = sources.get();
    } catch (io.helidon.config.ConfigException e) {
      // Helidon's message quotes the sources, which may hold values: not passed on.
      throw new ConfigException(
          "gateway", "the environment or system properties cannot be merged with application.yaml");
    }
    return from(config);
  }

  /** Reads and validates the gateway's settings from Helidon config. */
  public static GatewayConfig from(Config config) {
    refuseRolesOutsideYaml(System.getenv(), System.getProperties());
    String host = required(config, "server.host");
    int port = integer(config, "server.port", 0, 65535);
    AuthMode mode = choice(config, "gateway.auth.mode", AuthMode.class);
    Optional<JwtSettings> jwt = mode == AuthMode.JWT ? Optional.of(jwt(config)) : Optional.empty();
    if (mode == AuthMode.HEADER && !isLoopback(host)) {
      throw new ConfigException(
          "server.host",
          "header mode trusts its callers, so it listens on a loopback address only");
    }
    String seed = required(config, "gateway.corpus.seed");
    if (!seed.equals("demo") && !seed.equals("none")) {
      throw new ConfigException("gateway.corpus.seed", "must be demo or none");
    }
    int maxDocuments = integer(config, "gateway.corpus.max.documents", 1, 10_000_000);
    InMemoryDocumentStore.Budget budget = corpusBudget(config, Runtime.getRuntime().maxMemory());
    long rate = integer(config, "gateway.throttle.rate", 1, 1_000_000);
    long burst = integer(config, "gateway.throttle.burst", 1, 1_000_000);
    boolean insecure = bool(config, "gateway.lambda.insecure.headermode");
    StoreKind store = choice(config, "gateway.store", StoreKind.class);
    Optional<OpenSearchSettings> openSearch =
        store == StoreKind.OPENSEARCH ? Optional.of(openSearch(config)) : Optional.empty();
    ServerTimeouts timeouts =
        new ServerTimeouts(
            seconds(config, "server.timeouts.idle"),
            seconds(config, "server.timeouts.header"),
            seconds(config, "server.timeouts.body"));
    return new GatewayConfig(
        host,
        port,
        mode,
        jwt,
        seed.equals("demo"),
        maxDocuments,
        budget,
        rate,
        burst,
        insecure,
        roles(config),
        store,
        openSearch,
        timeouts);
  }

  /** The same settings with another port (tests and the Lambda adapter pick a free one). */
  public GatewayConfig withPort(int newPort) {
    return new GatewayConfig(
        host,
        newPort,
        authMode,
        jwt,
        seedDemoCorpus,
        maxDocumentsPerTenant,
        corpusBudget,
        throttleRate,
        throttleBurst,
        lambdaInsecureHeaderMode,
        roles,
        store,
        openSearch,
        timeouts);
  }

  /**
   * The in-memory store's budget across tenants: each limit as set, else derived from the heap
   * ({@link InMemoryDocumentStore.Budget#forHeap}).
   */
  static InMemoryDocumentStore.Budget corpusBudget(Config config, long maxHeapBytes) {
    InMemoryDocumentStore.Budget derived = InMemoryDocumentStore.Budget.forHeap(maxHeapBytes);
    return new InMemoryDocumentStore.Budget(
        text(config, "gateway.corpus.budget.tenants")
            .map(v -> parseInt("gateway.corpus.budget.tenants", v, 1, Integer.MAX_VALUE))
            .orElse(derived.tenants()),
        longInteger(config, "gateway.corpus.budget.documents").orElse(derived.documents()),
        longInteger(config, "gateway.corpus.budget.bytes").orElse(derived.bytes()));
  }

  /**
   * The constant a key names, by its lower-case name ({@code header}, {@code opensearch}); any
   * other value is refused with the list of those names.
   */
  private static <E extends Enum<E>> E choice(Config config, String key, Class<E> type) {
    String value = required(config, key);
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT);
      if (name.equals(value)) {
        return constant;
      }
      names.add(name);
    }
    throw new ConfigException(key, "must be " + String.join(" or ", names));
  }

  private static OpenSearchSettings openSearch(Config config) {
    URI url = secureUrl("gateway.opensearch.url", required(config, "gateway.opensearch.url"));
    if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
      throw new ConfigException("gateway.opensearch.url", "must have no path");
    }
    String auth = required(config, "gateway.opensearch.auth");
    Optional<String> region =
        switch (auth) {
          case "none" -> Optional.empty();
          case "aws-sigv4" -> Optional.of(awsRegion(config));
          default ->
              throw new ConfigException("gateway.opensearch.auth", "must be none or aws-sigv4");
        };
    String prefix = required(config, "gateway.opensearch.index.prefix");
    if (!INDEX_PREFIX.matcher(prefix).matches()) {
      throw new ConfigException(
          "gateway.opensearch.index.prefix",
          "must be 1 to 32 characters of [a-z0-9-], starting with a letter or digit");
    }
    int shards = integer(config, "gateway.opensearch.shards", 1, 64);
    int replicas = integer(config, "gateway.opensearch.replicas", 0, 5);
    int connect = integer(config, "gateway.opensearch.timeout.connect", 1, 60_000);
    int request = integer(config, "gateway.opensearch.timeout.request", 1, 300_000);
    return new OpenSearchSettings(
        url,
        region,
        prefix,
        shards,
        replicas,
        Duration.ofMillis(connect),
        Duration.ofMillis(request));
  }

  private static String awsRegion(Config config) {
    String key = "gateway.opensearch.aws.region";
    String region = required(config, key);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")) {
      throw new ConfigException(key, "must be an AWS region name such as eu-west-1");
    }
    return region;
  }

  private static JwtSettings jwt(Config config) {
    String issuer = required(config, "gateway.jwt.issuer");
    String audience = required(config, "gateway.jwt.audience");
    URI jwksUrl = secureUrl("gateway.jwt.jwks.url", required(config, "gateway.jwt.jwks.url"));
    List<String> algorithms = algorithms(required(config, "gateway.jwt.algorithms"));
    int refresh = integer(config, "gateway.jwt.jwks.refresh", 1, 86_400);
    String tenantClaim = required(config, "gateway.jwt.claims.tenant");
    String roleClaim = required(config, "gateway.jwt.claims.role");
    return new JwtSettings(
        issuer, audience, jwksUrl, algorithms, Duration.ofSeconds(refresh), tenantClaim, roleClaim);
  }

  /** An absolute https URL, or an http one whose host is a loopback address. */
  private static URI secureUrl(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "not a valid URL");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new ConfigException(key, "not an absolute URL");
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return uri;
    }
    throw new ConfigException(key, "must be https (http is allowed for loopback hosts only)");
  }

  private static List<String> algorithms(String value) {
    List<String> algorithms = new ArrayList<>();
    for (String part : value.split(",")) {
      String alg = part.strip();
      if (alg.isEmpty()) {
        continue;
      }
      if (!ASYMMETRIC_ALGORITHMS.contains(alg)) {
        throw new ConfigException(
            "gateway.jwt.algorithms", "only asymmetric algorithms are allowed (e.g. RS256,ES256)");
      }
      algorithms.add(alg);
    }
    if (algorithms.isEmpty()) {
      throw new ConfigException("gateway.jwt.algorithms", "names no algorithm");
    }
    return algorithms;
  }

  /**
   * Throws when an environment variable (Helidon's mapping: lower case, {@code _} as {@code .}) or
   * a system property names {@code gateway.roles} or a key below it. Names the variable, never its
   * value.
   */
  static void refuseRolesOutsideYaml(Map<String, String> environment, Properties properties) {
    for (String name : environment.keySet()) {
      if (underRoles(name.toLowerCase(Locale.ROOT).replace('_', '.'))) {
        throw new ConfigException(
            ROLES_KEY, "comes from application.yaml only; unset the environment variable " + name);
      }
    }
    for (String name : properties.stringPropertyNames()) {
      if (underRoles(name.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(
            ROLES_KEY, "comes from application.yaml only; remove the system property " + name);
      }
    }
  }

  private static boolean underRoles(String key) {
    return key.equals(ROLES_KEY) || key.startsWith(ROLES_KEY + ".");
  }

  private static Map<String, Role> roles(Config config) {
    Config node = config.get(ROLES_KEY);
    if (!node.exists()) {
      throw new ConfigException(ROLES_KEY, "is required but not set");
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    List<Config> entries = node.asNodeList().orElse(List.of());
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String prefix = ROLES_KEY + "." + i;
      String name = required(entry, "name", prefix + ".name");
      if (!PrincipalName.isValid(name)) {
        throw new ConfigException(prefix + ".name", "must be " + PrincipalName.RULE);
      }
      String clearanceName = required(entry, "clearance", prefix + ".clearance");
      Classification clearance =
          Classification.fromWireName(clearanceName)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          prefix + ".clearance",
                          "must be public, internal, confidential or restricted"));
      // An entry without write is a reader: the safe reading of a role an operator wrote.
      boolean writer = text(entry, "write").map(v -> bool(prefix + ".write", v)).orElse(false);
      if (writer && clearance != Classification.RESTRICTED) {
        throw new ConfigException(
            prefix + ".clearance", "a writer role must read up to restricted");
      }
      if (roles.put(name, new Role(name, clearance, writer)) != null) {
        throw new ConfigException(prefix + ".name", "duplicate role name");
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException(ROLES_KEY, "names no role");
    }
    return roles;
  }

  /**
   * The roles {@code application.yaml} ships (the contract's intern, analyst and admin), read from
   * it: the YAML is their one definition.
   */
  public static Map<String, Role> defaultRoles() {
    return roles(
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(ConfigSources.classpath("application.yaml"))
            .build());
  }

  /** True for a literal loopback address or {@code localhost}; never resolves other names. */
  public static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name other than localhost: not resolved, so not trusted
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Optional<String> text(Config config, String key) {
    return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
  }

  private static String required(Config config, String key) {
    return required(config, key, key);
  }

  private static String required(Config config, String key, String name) {
    return text(config, key)
        .orElseThrow(() -> new ConfigException(name, "is required but not set"));
  }

  private static int integer(Config config, String key, int min, int max) {
    return parseInt(key, required(config, key), min, max);
  }

  private static int parseInt(String key, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new ConfigException(key, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number");
    }
  }

  /** An optional setting of at least 1, which has no default in {@code application.yaml}. */
  private static Optional<Long> longInteger(Config config, String key) {
    return text(config, key)
        .map(
            value -> {
              try {
                long n = Long.parseLong(value);
                if (n < 1) {
                  throw new ConfigException(key, "must be at least 1");
                }
                return n;
              } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a whole number up to " + Long.MAX_VALUE);
              }
            });
  }

  private static Duration seconds(Config config, String key) {
    return Duration.ofSeconds(integer(config, key, 1, 3600));
  }

  private static boolean bool(Config config, String key) {
    return bool(key, required(config, key));
  }

  private static boolean bool(String name, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name, "must be true or false");
    };
  }
}
