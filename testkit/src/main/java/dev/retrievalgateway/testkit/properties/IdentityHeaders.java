package dev.retrievalgateway.testkit.properties;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.WritableHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header-mode identity headers of one request, each as the list of its values (none: missing;
 * two: repeated), and how they were spoiled, if they were. Prints non-ASCII characters as {@code
 * \\uXXXX}, so a counterexample with a look-alike letter reads unambiguously.
 *
 * @param spoil how a valid identity was made invalid, or {@code none}
 */
public record IdentityHeaders(
    List<String> user, List<String> tenant, List<String> role, String spoil) {

  public IdentityHeaders {
    user = List.copyOf(user);
    tenant = List.copyOf(tenant);
    role = List.copyOf(role);
  }

  public static IdentityHeaders valid(String user, String tenant, String role) {
    return new IdentityHeaders(List.of(user), List.of(tenant), List.of(role), "none");
  }

  /** The headers as Helidon's server hands them to an identity resolver. */
  public ServerRequestHeaders toHelidon() {
    WritableHeaders<?> h = WritableHeaders.create();
    add(h, "X-User", user);
    add(h, "X-Tenant", tenant);
    add(h, "X-Role", role);
    return ServerRequestHeaders.create(h);
  }

  /** The header lines as a client sends them, values in UTF-8, each ending in CRLF. */
  public byte[] toHttpLines() {
    StringBuilder sb = new StringBuilder();
    lines(sb, "X-User", user);
    lines(sb, "X-Tenant", tenant);
    lines(sb, "X-Role", role);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void add(WritableHeaders<?> h, String name, List<String> values) {
    if (!values.isEmpty()) {
      h.add(HeaderValues.create(HeaderNames.create(name), values.toArray(new String[0])));
    }
  }

  private static void lines(StringBuilder sb, String name, List<String> values) {
    for (String v : values) {
      sb.append(name).append(": ").append(v).append("\r\n");
    }
  }

  @Override
  public String toString() {
    return "IdentityHeaders[spoil="
        + spoil
        + ", X-User="
        + show(user)
        + ", X-Tenant="
        + show(tenant)
        + ", X-Role="
        + show(role)
        + "]";
  }

  private static String show(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('"');
      values
          .get(i)
          .chars()
          .forEach(
              c ->
                  sb.append(
                      c >= 0x20 && c < 0x7f
                          ? String.valueOf((char) c)
                          : String.format("\\u%04x", c)));
      sb.append('"');
    }
    return sb.append(']').toString();
  }
}
