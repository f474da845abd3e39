package dev.retrievalgateway.lambdait.testsupport;

import dev.retrievalgateway.testkit.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local development issuer ({@code dev-issuer/}) in a child JVM, as {@code make dev-issuer}
 * runs it: its JWKS on a free loopback port, its key in a folder the test names, and the token
 * command ({@code dev-issuer token ...}) that the contract suite and verify.py run once per
 * principal. Closing it stops the issuer.
 *
 * <pre>{@code
 * try (DevIssuerProcess issuer = DevIssuerProcess.start(GatewayLambdas.workDir().resolve("keys"));
 *     LambdaEmulator lambda = GatewayLambdas.jwtMode("contract-jwt", issuer).start()) {
 *   String tokenCmd = issuer.tokenCommand(); // 'COMMAND {user} {tenant} {role}'
 * }
 * }</pre>
 */
public final class DevIssuerProcess implements AutoCloseable {
  /** The audience of every token the issuer mints. */
  public static final String AUDIENCE = "retrieval-gateway";

  private static final String MAIN = "dev.retrievalgateway.devissuer.DevIssuer";

  /** The line {@code serve} prints once it listens; with port 0 it is how we learn the port. */
  private static final Pattern LISTENING = Pattern.compile("issuer (http://127\\.0\\.0\\.1:\\d+),");

  private static final Duration START = Duration.ofSeconds(30);

  private final ChildProcess process;
  private final String issuerUrl;
  private final Path keyDir;

  private DevIssuerProcess(ChildProcess process, String issuerUrl, Path keyDir) {
    this.process = process;
    this.issuerUrl = issuerUrl;
    this.keyDir = keyDir;
  }

  /** Starts {@code dev-issuer serve} on a free port with its key in {@code keyDir}. */
  public static DevIssuerProcess start(Path keyDir) {
    Path dir = keyDir.toAbsolutePath();
    List<String> command = new ArrayList<>(java());
    command.addAll(List.of("serve", "--port", "0", "--key-dir", dir.toString()));
    // The issuer prints no secret (usage, errors, a new kid): a failure may quote what it said.
    ChildProcess process = ChildProcess.start(new ProcessBuilder(command));
    try {
      String url =
          process.await(
              "development issuer listening",
              START,
              () ->
                  LISTENING
                      .matcher(process.stderr() + process.stdout())
                      .results()
                      .map(m -> m.group(1))
                      .findFirst());
      return new DevIssuerProcess(process, url, dir);
    } catch (RuntimeException | AssertionError e) {
      process.close();
      throw e;
    }
  }

  /** The issuer URL: the {@code iss} of its tokens and the gateway's {@code gateway.jwt.issuer}. */
  public String issuerUrl() {
    return issuerUrl;
  }

  public String jwksUrl() {
    return issuerUrl + "/.well-known/jwks.json";
  }

  /**
   * The token command for {@code contract.tokenCmd} and verify.py's {@code --token-cmd}, with
   * {@code {user} {tenant} {role}} left for them to fill in (they allow only {@code [a-z0-9._-]}
   * there). The paths are quoted for {@code sh -c}.
   */
  public String tokenCommand() {
    List<String> words = new ArrayList<>(java());
    words.addAll(List.of("token", "--port", port(), "--key-dir", keyDir.toString()));
    StringBuilder command = new StringBuilder();
    for (String word : words) {
      command.append(shellQuoted(word)).append(' ');
    }
    return command.append("--user {user} --tenant {tenant} --role {role}").toString();
  }

  @Override
  public void close() {
    process.close();
  }

  private String port() {
    return issuerUrl.substring(issuerUrl.lastIndexOf(':') + 1);
  }

  /**
   * The issuer's JVM: C1 only, since each token command lives for a fraction of a second. The class
   * path is the dev-issuer artifact and nimbus-jose-jwt, from Maven ({@code devIssuer.classpath}).
   */
  private static List<String> java() {
    String classpath = System.getProperty("devIssuer.classpath", "");
    if (classpath.isBlank()) {
      throw new IllegalStateException(
          "no devIssuer.classpath system property: run the tests through Maven (mvn -pl"
              + " localstack-it verify)");
    }
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-cp",
        classpath,
        MAIN);
  }

  private static String shellQuoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
