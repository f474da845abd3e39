package dev.retrievalgateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Route registration: the route template for logs, and one declaration per path from which its
 * {@code 405} answer is derived, so that {@code Allow} always names exactly the methods the path
 * serves (Helidon has no 405 of its own: a wrong method would be a 404).
 *
 * <pre>{@code
 * Routes.path(rules, "/documents/{doc_id}", Routes.get(read), Routes.delete(delete));
 * }</pre>
 */
final class Routes {
  private Routes() {}

  /** One method of a path and its handler. */
  record Route(Method method, Handler handler) {}

  static Route get(Handler handler) {
    return new Route(Method.GET, handler);
  }

  static Route post(Handler handler) {
    return new Route(Method.POST, handler);
  }

  static Route delete(Handler handler) {
    return new Route(Method.DELETE, handler);
  }

  /**
   * Registers {@code routes} on {@code path}, then a catch-all for every other method: {@code 405}
   * with {@code Allow} listing the methods of {@code routes}, in their order.
   */
  static void path(HttpRules rules, String path, Route... routes) {
    for (Route route : routes) {
      rules.route(route.method(), path, route.handler());
    }
    rules.any(
        path,
        new MethodNotAllowed(
            path,
            List.of(routes).stream()
                .map(r -> r.method().text())
                .collect(Collectors.joining(", "))));
  }

  /** The catch-all of a path: {@code 405} with the {@code Allow} its declaration derived. */
  record MethodNotAllowed(String route, String allow) implements Handler {
    @Override
    public void handle(ServerRequest req, ServerResponse res) {
      RequestContext.of(req).route = route;
      throw ApiException.of(ErrorCode.METHOD_NOT_ALLOWED).withHeader(HeaderNames.ALLOW, allow);
    }
  }

  /** Records {@code route} as the request's route template, then runs {@code handler}. */
  static Handler named(String route, Handler handler) {
    return (req, res) -> {
      RequestContext.of(req).route = route;
      handler.handle(req, res);
    };
  }
}
