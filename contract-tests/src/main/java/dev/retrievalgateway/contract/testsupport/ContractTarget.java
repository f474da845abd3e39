package dev.retrievalgateway.contract.testsupport;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The gateway the suite talks to, and what the suite may assume about it: its URL, how principals
 * are presented ({@link Credentials}), the two tenants the suite works in, and, where the target is
 * configured with low limits, a {@link Limits} for the throttling and quota tests.
 *
 * <p>Read from JUnit configuration parameters, which fall back to system properties:
 *
 * <pre>
 * contract.baseUrl              the target; absent: a gateway started in-process on a free port
 * contract.mode                 header (default) or jwt
 * contract.tokenCmd             jwt mode: 'COMMAND {user} {tenant} {role}' printing a token
 * contract.tenants              two tenant names, "a,b"; default: run-unique ct-RUN-a,ct-RUN-b
 * contract.limits.baseUrl       a target with low limits (default: contract.baseUrl)
 * contract.limits.throttleBurst its gateway.throttle.burst: enables the throttling tests
 * contract.limits.maxDocuments  its gateway.corpus.max.documents: enables the quota test
 * contract.apiGatewayFront      true: the target sits behind API Gateway (or its emulation), which
 *                               answers malformed requests itself and buffers bodies, so the tests
 *                               of the gateway's own HTTP layer for those are skipped
 * </pre>
 */
public final class ContractTarget {
  private final URI baseUri;
  private final Credentials credentials;
  private final String runId;
  private final String tenantA;
  private final String tenantB;
  private final Optional<Limits> limits;
  private final boolean apiGatewayFront;
  private final AtomicInteger sequence = new AtomicInteger();

  ContractTarget(
      URI baseUri,
      Credentials credentials,
      String runId,
      String tenantA,
      String tenantB,
      Optional<Limits> limits,
      boolean apiGatewayFront) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.runId = runId;
    this.tenantA = tenantA;
    this.tenantB = tenantB;
    this.limits = limits;
    this.apiGatewayFront = apiGatewayFront;
  }

  /** A target with low limits, and the limits it is configured with. */
  public record Limits(URI baseUri, OptionalInt throttleBurst, OptionalInt maxDocuments) {}

  /**
   * The target the parameters name. {@code inProcess} starts the default target when no {@code
   * contract.baseUrl} is given; it is asked for a main and a limited gateway.
   */
  static ContractTarget from(Function<String, Optional<String>> parameter, InProcess inProcess) {
    String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    Credentials credentials = credentials(parameter);
    String[] tenants =
        parameter
            .apply("contract.tenants")
            .map(t -> t.split(",", -1))
            .orElse(new String[] {"ct-" + runId + "-a", "ct-" + runId + "-b"});
    if (tenants.length != 2 || tenants[0].equals(tenants[1])) {
      throw new IllegalArgumentException("contract.tenants must name two different tenants: a,b");
    }
    Optional<String> baseUrl = parameter.apply("contract.baseUrl");
    if (baseUrl.isEmpty()) {
      if (credentials.mode() != Credentials.AuthMode.HEADER) {
        throw new IllegalArgumentException(
            "the in-process target runs in header mode; give contract.baseUrl for jwt mode");
      }
      InProcess.Gateways gateways = inProcess.start();
      return new ContractTarget(
          gateways.main(),
          credentials,
          runId,
          tenants[0],
          tenants[1],
          Optional.of(
              new Limits(
                  gateways.limited(),
                  OptionalInt.of(InProcess.THROTTLE_BURST),
                  OptionalInt.of(InProcess.MAX_DOCUMENTS))),
          false);
    }
    URI base = uri(baseUrl.get());
    OptionalInt burst = integer(parameter, "contract.limits.throttleBurst");
    OptionalInt maxDocuments = integer(parameter, "contract.limits.maxDocuments");
    Optional<Limits> limits =
        burst.isPresent() || maxDocuments.isPresent()
            ? Optional.of(
                new Limits(
                    parameter
                        .apply("contract.limits.baseUrl")
                        .map(ContractTarget::uri)
                        .orElse(base),
                    burst,
                    maxDocuments))
            : Optional.empty();
    boolean front =
        Boolean.parseBoolean(parameter.apply("contract.apiGatewayFront").orElse("false"));
    return new ContractTarget(base, credentials, runId, tenants[0], tenants[1], limits, front);
  }

  private static Credentials credentials(Function<String, Optional<String>> parameter) {
    String mode = parameter.apply("contract.mode").orElse("header");
    return switch (mode) {
      case "header" -> Credentials.headerMode();
      case "jwt" ->
          Credentials.jwtMode(
              TokenSource.command(
                  parameter
                      .apply("contract.tokenCmd")
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "contract.mode=jwt needs contract.tokenCmd"))));
      default -> throw new IllegalArgumentException("contract.mode must be header or jwt");
    };
  }

  private static URI uri(String value) {
    String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    URI uri = URI.create(trimmed);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("contract.baseUrl must be an absolute http(s) URL");
    }
    return uri;
  }

  private static OptionalInt integer(Function<String, Optional<String>> parameter, String key) {
    return parameter
        .apply(key)
        .map(v -> OptionalInt.of(Integer.parseInt(v)))
        .orElse(OptionalInt.empty());
  }

  public URI baseUri() {
    return baseUri;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Credentials.AuthMode mode() {
    return credentials.mode();
  }

  /** The token for {@code principal}, in JWT mode; header mode has none. */
  public String token(Principal principal) {
    if (!(credentials instanceof Credentials.BearerTokens bearer)) {
      throw new IllegalStateException("header mode has no tokens");
    }
    return bearer.tokens().token(principal);
  }

  /** Eight hex digits, fresh per run: in tenant names, document ids and canary words. */
  public String runId() {
    return runId;
  }

  public String tenantA() {
    return tenantA;
  }

  public String tenantB() {
    return tenantB;
  }

  /** Tenant A or B by its side, {@code "a"} or {@code "b"}: see {@link EveryRoleOfEachTenant}. */
  public String tenant(String side) {
    return switch (side) {
      case "a" -> tenantA;
      case "b" -> tenantB;
      default -> throw new IllegalArgumentException("a side is a or b");
    };
  }

  /** Whether API Gateway (or its emulation) stands between the suite and the gateway. */
  public boolean apiGatewayFront() {
    return apiGatewayFront;
  }

  public Optional<Limits> limits() {
    return limits;
  }

  /** A principal of {@code tenant}; {@code label} keeps each test class in its own rate bucket. */
  public Principal principal(String label, String tenant, Role role) {
    return new Principal("ct-" + label + "-" + role.wireName(), tenant, role);
  }

  /** A document id no earlier run and no other test of this run has used. */
  public String newDocId() {
    return "ct-" + runId + "-" + sequence.incrementAndGet();
  }

  /** A word that occurs in no document but the ones this run writes it into. */
  public String newWord() {
    return "ctw" + runId + "x" + sequence.incrementAndGet();
  }
}
