package dev.retrievalgateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;

/** Small helpers for route registration: the route template for logs, and the 405 answer. */
final class Routes {
  private Routes() {}

  /** Records {@code route} as the request's route template, then runs {@code handler}. */
  static Handler named(String route, Handler handler) {
    return (req, res) -> {
      RequestContext.of(req).route = route;
      handler.handle(req, res);
    };
  }

  /** A catch-all for a path's other methods: {@code 405} with {@code Allow}. */
  static Handler methodNotAllowed(String route, String allow) {
    return named(
        route,
        (req, res) -> {
          throw ApiException.of(ErrorCode.METHOD_NOT_ALLOWED).withHeader(HeaderNames.ALLOW, allow);
        });
  }
}
