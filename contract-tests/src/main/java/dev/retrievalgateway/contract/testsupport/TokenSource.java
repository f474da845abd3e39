package dev.retrievalgateway.contract.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where JWT-mode tokens come from: a command that prints a token for a user, tenant and role, for
 * example {@code make -s dev-token USER={user} TENANT={tenant} ROLE={role}} against the local
 * development issuer, or a script that signs in to Amazon Cognito. Tokens are cached per principal
 * and never printed: a failure says which principal, never what the command wrote.
 */
public final class TokenSource {
  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final long TIMEOUT_SECONDS = 60;

  private final String commandTemplate;
  private final Map<Principal, String> cache = new ConcurrentHashMap<>();

  private TokenSource(String commandTemplate) {
    this.commandTemplate = commandTemplate;
  }

  /** A source that runs {@code commandTemplate} through {@code sh -c} once per principal. */
  public static TokenSource command(String commandTemplate) {
    if (!commandTemplate.contains("{user}")
        || !commandTemplate.contains("{tenant}")
        || !commandTemplate.contains("{role}")) {
      throw new IllegalArgumentException(
          "contract.tokenCmd must contain {user}, {tenant} and {role}");
    }
    return new TokenSource(commandTemplate);
  }

  /** The token for {@code principal}: a compact JWS, as the command printed it. */
  public String token(Principal principal) {
    return cache.computeIfAbsent(principal, this::mint);
  }

  private String mint(Principal p) {
    // Principal names match [a-z0-9._-] (checked by Principal), so substituting them into a shell
    // command cannot inject anything.
    String command =
        commandTemplate
            .replace("{user}", p.user())
            .replace("{tenant}", p.tenant())
            .replace("{role}", p.role().wireName());
    try {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("token command timed out for " + p);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "token command exited with " + process.exitValue() + " for " + p);
      }
      String token = lastLine(out);
      if (!COMPACT_JWS.matcher(token).matches()) {
        throw new IllegalStateException("token command printed no compact JWS for " + p);
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("token command could not be run for " + p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while minting a token for " + p);
    }
  }

  /** make and friends may print a line before the token; the token is the last line. */
  private static String lastLine(String out) {
    int newline = out.lastIndexOf('\n');
    return newline < 0 ? out : out.substring(newline + 1).strip();
  }

  @Override
  public String toString() {
    return "token command";
  }
}
