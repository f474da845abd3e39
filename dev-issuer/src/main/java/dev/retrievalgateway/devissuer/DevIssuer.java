package dev.retrievalgateway.devissuer;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local development issuer: JWT mode on one machine, no cloud. Two commands, one key.
 *
 * <pre>
 * make dev-issuer                                            # serve the JWKS on 127.0.0.1:8001
 * make dev-token USER=alice TENANT=tenant-a ROLE=analyst     # print a token (stdout only)
 * make run-local AUTH=jwt                                    # the gateway, wired to this issuer
 * </pre>
 *
 * <p>Options: {@code --key-dir} (the key folder; default {@code .dev-issuer/} in the repository
 * root, whatever the working directory: see {@link KeyFolder}), {@code --port} (default 8001; the
 * issuer URL is {@code http://127.0.0.1:<port>}), {@code --ttl} (token lifetime in seconds, default
 * 3600). Never use this issuer outside a developer's machine: its key sits unencrypted on disk.
 */
public final class DevIssuer {
  public static final int DEFAULT_PORT = 8001;
  public static final String AUDIENCE = "retrieval-gateway";

  private DevIssuer() {}

  /** The issuer URL for a port: the {@code iss} of every token and the gateway's issuer. */
  public static String issuerUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** Exit code of {@code serve}: keep running; the server's thread keeps the process alive. */
  static final int SERVING = -1;

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != SERVING) {
      System.exit(code);
    }
  }

  /** The options each command takes; any other is refused rather than silently ignored. */
  private static final Map<String, Set<String>> OPTIONS =
      Map.of(
          "serve", Set.of("key-dir", "port"),
          "token", Set.of("key-dir", "port", "ttl", "user", "tenant", "role"));

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length == 0 || !OPTIONS.containsKey(args[0])) {
      return usage(err);
    }
    Map<String, String> options;
    Path dir;
    try {
      options = options(args, OPTIONS.get(args[0]));
      dir =
          KeyFolder.resolve(
              Optional.ofNullable(options.get("key-dir")),
              Path.of("").toAbsolutePath(),
              KeyFolder.codeLocation());
    } catch (IllegalArgumentException e) {
      err.println("dev-issuer: " + e.getMessage());
      return usage(err);
    }
    int port = Integer.parseInt(options.getOrDefault("port", Integer.toString(DEFAULT_PORT)));
    boolean newKey = !Files.exists(dir.resolve(SigningKey.FILE));
    RSAKey key = SigningKey.loadOrCreate(dir);
    if (newKey) {
      // Said on stderr, so that a token from a key no running issuer serves is not a mystery 401.
      err.println("dev-issuer: made a new signing key in " + dir + ", kid " + key.getKeyID());
    }
    switch (args[0]) {
      case "serve" -> {
        return serve(key, port, dir, err);
      }
      case "token" -> {
        Duration ttl = Duration.ofSeconds(Long.parseLong(options.getOrDefault("ttl", "3600")));
        try {
          TokenMinter minter = new TokenMinter(key, issuerUrl(port), AUDIENCE);
          String user = options.get("user");
          String tenant = options.get("tenant");
          String role = options.get("role");
          out.println(minter.mint(user, tenant, role, ttl, Instant.now()));
          return 0;
        } catch (IllegalArgumentException e) {
          err.println("dev-token: " + e.getMessage());
          return 2;
        }
      }
      default -> {
        return usage(err);
      }
    }
  }

  private static int serve(RSAKey key, int port, Path dir, PrintStream err) throws IOException {
    JwksServer server;
    try {
      server = JwksServer.start(key, port);
    } catch (BindException e) {
      err.println("dev-issuer: 127.0.0.1:" + port + " is in use (is the issuer already running?)");
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dev-issuer-shutdown"));
    err.println(
        "dev-issuer: issuer "
            + issuerUrl(server.port())
            + ", JWKS at "
            + issuerUrl(server.port())
            + JwksServer.PATH
            + ", kid "
            + key.getKeyID()
            + ", key in "
            + dir
            + " (Ctrl-C stops it)");
    return SERVING;
  }

  private static Map<String, String> options(String[] args, Set<String> known) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs after the command");
      }
      String name = args[i].substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException(args[0] + " has no option --" + name);
      }
      options.put(name, args[i + 1]);
    }
    return options;
  }

  private static int usage(PrintStream err) {
    err.println("usage: dev-issuer serve [--port 8001] [--key-dir DIR]");
    err.println(
        "       dev-issuer token --user U --tenant T --role R [--ttl 3600] [--port 8001] [--key-dir DIR]");
    err.println("       --key-dir default: .dev-issuer/ in the repository root");
    return 2;
  }
}
