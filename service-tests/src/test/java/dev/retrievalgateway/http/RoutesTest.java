package dev.retrievalgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.retrievalgateway.config.AuthMode;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code Allow} of each path's {@code 405} names exactly the methods whose handlers serve the
 * path, read from the routes the services register, in the order Helidon matches them.
 */
@Tag("claim:error-envelope")
class RoutesTest {
  private static final List<Method> METHODS =
      List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS);

  private static final List<HttpRoute> ROUTES = registeredRoutes();

  private static List<HttpRoute> registeredRoutes() {
    IdentityGate gate = new IdentityGate(null, AuthMode.HEADER, null, null);
    Recorder rules = new Recorder();
    for (HttpService service :
        List.of(
            new HealthService("1.0.0+test"),
            new OpenApiService(),
            new WhoamiService(gate, AuthMode.HEADER),
            new QueryService(gate, null),
            new DocumentService(gate, null, null))) {
      service.routing(rules);
    }
    return rules.routes;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/health", "/openapi", "/whoami", "/query", "/documents", "/documents/some-id"})
  void allowNamesExactlyTheMethodsThePathServes(String path) {
    Set<String> served = new TreeSet<>();
    Set<String> allowed = new TreeSet<>();

    for (Method method : METHODS) {
      HttpRoute first = firstMatch(method, path);
      if (first.handler() instanceof Routes.MethodNotAllowed notAllowed) {
        allowed.addAll(List.of(notAllowed.allow().split(", ")));
      } else {
        served.add(method.text());
      }
    }

    assertEquals(served, allowed);
  }

  private static HttpRoute firstMatch(Method method, String path) {
    HttpPrologue prologue = HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", method, path, false);
    return assertInstanceOf(
        HttpRoute.class,
        ROUTES.stream().filter(r -> r.accepts(prologue).accepted()).findFirst().orElse(null),
        method.text() + " " + path + " matches a route");
  }

  /** The routes a service registers, in order. */
  private static final class Recorder implements HttpRules {
    final List<HttpRoute> routes = new ArrayList<>();

    @Override
    public HttpRules register(HttpService... services) {
      throw new UnsupportedOperationException();
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
      throw new UnsupportedOperationException();
    }

    @Override
    public HttpRules route(HttpRoute route) {
      routes.add(route);
      return this;
    }
  }
}
