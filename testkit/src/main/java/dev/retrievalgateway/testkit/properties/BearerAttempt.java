package dev.retrievalgateway.testkit.properties;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a request in JWT mode presents as its identity: its {@code Authorization} header values
 * (none, one or several), other headers, and a query string, and how a valid token was spoiled to
 * make it. Prints the spoil and the token's length only: even a test token is not printed.
 *
 * @param spoil how it differs from exactly valid, or {@code none}
 */
public record BearerAttempt(
    String spoil, List<String> authorization, Map<String, String> headers, String queryString) {

  public BearerAttempt {
    authorization = List.copyOf(authorization);
    headers = Map.copyOf(headers);
  }

  public static BearerAttempt bearer(String spoil, String token) {
    return new BearerAttempt(spoil, List.of("Bearer " + token), Map.of(), "");
  }

  /** The header lines, each ending in CRLF. */
  public byte[] headerLines() {
    StringBuilder sb = new StringBuilder();
    authorization.forEach(v -> sb.append("Authorization: ").append(v).append("\r\n"));
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "BearerAttempt[spoil="
        + spoil
        + ", Authorization values="
        + authorization.stream().map(v -> v.length() + " chars").toList()
        + ", other headers="
        + headers.keySet()
        + ", query string="
        + (queryString.isEmpty() ? "none" : queryString.length() + " chars")
        + "]";
  }
}
