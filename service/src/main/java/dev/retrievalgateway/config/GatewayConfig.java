package dev.retrievalgateway.config;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.Role;
import io.helidon.config.Config;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How this instance is set up: read once from Helidon config ({@code application.yaml}, overridden
 * by environment variables such as {@code GATEWAY_AUTH_MODE}), validated, immutable. A missing or
 * invalid setting throws {@link ConfigException} naming the key, so start-up stops before anything
 * listens.
 */
public record GatewayConfig(
    String host,
    int port,
    AuthMode authMode,
    Optional<JwtSettings> jwt,
    boolean seedDemoCorpus,
    int maxDocumentsPerTenant,
    long throttleRate,
    long throttleBurst,
    boolean lambdaInsecureHeaderMode,
    Map<String, Role> roles,
    ServerTimeouts timeouts) {

  /** Asymmetric JWS algorithms that the allow-list may name; anything else is refused. */
  static final Set<String> ASYMMETRIC_ALGORITHMS =
      Set.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES256K", "ES384", "ES512",
          "EdDSA", "Ed25519");

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public GatewayConfig {
    roles = Map.copyOf(roles);
  }

  /** Reads and validates the gateway's settings from Helidon config. */
  public static GatewayConfig from(Config config) {
    String host = text(config, "server.host").orElse("127.0.0.1");
    int port = integer(config, "server.port", 8000, 0, 65535);
    AuthMode mode = authMode(config);
    Optional<JwtSettings> jwt = mode == AuthMode.JWT ? Optional.of(jwt(config)) : Optional.empty();
    if (mode == AuthMode.HEADER && !isLoopback(host)) {
      throw new ConfigException(
          "server.host",
          "header mode trusts its callers, so it listens on a loopback address only");
    }
    String seed = text(config, "gateway.corpus.seed").orElse("demo");
    if (!seed.equals("demo") && !seed.equals("none")) {
      throw new ConfigException("gateway.corpus.seed", "must be demo or none");
    }
    int maxDocuments = integer(config, "gateway.corpus.max.documents", 10_000, 1, 10_000_000);
    long rate = integer(config, "gateway.throttle.rate", 50, 1, 1_000_000);
    long burst = integer(config, "gateway.throttle.burst", 100, 1, 1_000_000);
    boolean insecure = bool(config, "gateway.lambda.insecure.headermode", false);
    ServerTimeouts timeouts =
        new ServerTimeouts(
            seconds(config, "server.timeouts.idle", ServerTimeouts.DEFAULTS.idle()),
            seconds(config, "server.timeouts.header", ServerTimeouts.DEFAULTS.header()),
            seconds(config, "server.timeouts.body", ServerTimeouts.DEFAULTS.body()));
    return new GatewayConfig(
        host,
        port,
        mode,
        jwt,
        seed.equals("demo"),
        maxDocuments,
        rate,
        burst,
        insecure,
        roles(config),
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
        throttleRate,
        throttleBurst,
        lambdaInsecureHeaderMode,
        roles,
        timeouts);
  }

  private static AuthMode authMode(Config config) {
    String mode = text(config, "gateway.auth.mode").orElse("header");
    return switch (mode) {
      case "header" -> AuthMode.HEADER;
      case "jwt" -> AuthMode.JWT;
      default -> throw new ConfigException("gateway.auth.mode", "must be header or jwt");
    };
  }

  private static JwtSettings jwt(Config config) {
    String issuer = required(config, "gateway.jwt.issuer");
    String audience = required(config, "gateway.jwt.audience");
    URI jwksUrl = jwksUrl(required(config, "gateway.jwt.jwks.url"));
    List<String> algorithms =
        algorithms(text(config, "gateway.jwt.algorithms").orElse("RS256,ES256"));
    int refresh = integer(config, "gateway.jwt.jwks.refresh", 60, 1, 86_400);
    String tenantClaim = text(config, "gateway.jwt.claims.tenant").orElse("tenant");
    String roleClaim = text(config, "gateway.jwt.claims.role").orElse("role");
    return new JwtSettings(
        issuer, audience, jwksUrl, algorithms, Duration.ofSeconds(refresh), tenantClaim, roleClaim);
  }

  private static URI jwksUrl(String value) {
    String key = "gateway.jwt.jwks.url";
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

  private static Map<String, Role> roles(Config config) {
    Config node = config.get("gateway.roles");
    if (!node.exists()) {
      return defaultRoles();
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    List<Config> entries = node.asNodeList().orElse(List.of());
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String prefix = "gateway.roles." + i;
      String name = required(entry, "name", prefix + ".name");
      if (!ROLE_NAME.matcher(name).matches()) {
        throw new ConfigException(prefix + ".name", "must be 1 to 64 characters of [a-z0-9._-]");
      }
      String clearanceName = required(entry, "clearance", prefix + ".clearance");
      Classification clearance =
          Classification.fromWireName(clearanceName)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          prefix + ".clearance",
                          "must be public, internal, confidential or restricted"));
      boolean writer = bool(entry, "write", prefix + ".write", false);
      if (writer && clearance != Classification.RESTRICTED) {
        throw new ConfigException(
            prefix + ".clearance", "a writer role must read up to restricted");
      }
      if (roles.put(name, new Role(name, clearance, writer)) != null) {
        throw new ConfigException(prefix + ".name", "duplicate role name");
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException("gateway.roles", "names no role");
    }
    return roles;
  }

  /** The contract's default roles: intern, analyst, admin. */
  public static Map<String, Role> defaultRoles() {
    Map<String, Role> roles = new LinkedHashMap<>();
    roles.put("intern", new Role("intern", Classification.INTERNAL, false));
    roles.put("analyst", new Role("analyst", Classification.CONFIDENTIAL, false));
    roles.put("admin", new Role("admin", Classification.RESTRICTED, true));
    return roles;
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

  private static int integer(Config config, String key, int fallback, int min, int max) {
    Optional<String> value = text(config, key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n < min || n > max) {
        throw new ConfigException(key, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number");
    }
  }

  private static Duration seconds(Config config, String key, Duration fallback) {
    return Duration.ofSeconds(integer(config, key, (int) fallback.toSeconds(), 1, 3600));
  }

  private static boolean bool(Config config, String key, boolean fallback) {
    return bool(config, key, key, fallback);
  }

  private static boolean bool(Config config, String key, String name, boolean fallback) {
    Optional<String> value = text(config, key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name, "must be true or false");
    };
  }
}
