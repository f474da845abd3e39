package dev.retrievalgateway.properties.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.properties.http.testsupport.Whoami;
import dev.retrievalgateway.testkit.Envelope;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.RawHttp;
import dev.retrievalgateway.testkit.RawRequest;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.IdentityHeaders;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Invariant 5 over HTTP, in header mode: a request to any route that needs a principal, whose
 * identity headers are not exactly valid (missing, empty, repeated, wrong case, inner whitespace,
 * look-alike, invisible or non-ASCII characters, overlong, outside the name rule, an unknown role),
 * gets {@code 401} in the envelope; an exactly valid one, with its header names in any case, gets
 * through with exactly its values. The headers go out as raw bytes, as an attacker would send them.
 */
@Tag("claim:deny-by-default")
class DenyByDefaultOverHttpProperties {
  private static final int EXAMPLES = 200;

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty());

  /** A route that needs a principal, with a well-formed request for it. */
  enum Route {
    WHOAMI("GET", "/whoami", null),
    QUERY("POST", "/query", "{\"query\":\"revenue\"}"),
    READ("GET", "/documents/d1", null),
    INGEST("POST", "/documents", "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}"),
    DELETE("DELETE", "/documents/d1", null);

    final String method;
    final String path;
    final String body;

    Route(String method, String path, String body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }

    byte[] request(byte[] identityLines) {
      return request(identityLines, "");
    }

    byte[] request(byte[] identityLines, String queryString) {
      RawRequest r = RawRequest.of(method, path + queryString).headerLines(identityLines);
      if (body != null) {
        r.header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
      }
      return r.bytes();
    }
  }

  /**
   * Invariant 5's denial: each of {@code spoiled} on every route, in the request {@code request}
   * makes of the two, gets {@code 401} in the envelope from {@code raw}.
   */
  static <T> void everyRouteAnswers401(
      int examples, Gen<T> spoiled, BiFunction<Route, T, byte[]> request, RawHttp raw) {
    PropertyCheck.httpLevel(Invariant.DENY_BY_DEFAULT, examples)
        .forAll(
            spoiled,
            Generate.enumValues(Route.class),
            (credential, route) -> {
              RawResponse r = raw.send(request.apply(route, credential));

              assertEquals("unauthenticated", Envelope.assertEnvelope(r, 401));
            });
  }

  @Nested
  class HeaderMode {
    @Test
    void anIdentityThatIsNotExactlyValidGets401OnEveryRoute() {
      everyRouteAnswers401(
          EXAMPLES,
          Generators.spoiledIdentities(true),
          (route, id) -> route.request(id.toHttpLines()),
          GATEWAY.raw());
    }

    @Test
    void anExactlyValidIdentityGetsThroughWithExactlyItsValues() {
      PropertyCheck.httpLevel(Invariant.DENY_BY_DEFAULT, EXAMPLES)
          .forAll(
              Generators.identities(),
              headerNameCases(),
              (id, nameCase) -> {
                byte[] lines = renamed(id, nameCase);

                RawResponse r = GATEWAY.raw().send(Route.WHOAMI.request(lines));

                Whoami.assertPrincipal(r, id);
              });
    }
  }

  /** Header names are case-insensitive in HTTP: lower, upper, or as written. */
  private static Gen<Integer> headerNameCases() {
    return Generate.range(0, 2);
  }

  private static byte[] renamed(IdentityHeaders id, int nameCase) {
    String lines = new String(id.toHttpLines(), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (String line : lines.split("\r\n")) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon);
      name =
          switch (nameCase) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.toUpperCase(Locale.ROOT);
            default -> name;
          };
      out.append(name).append(line.substring(colon)).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
