package dev.retrievalgateway.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Successful JSON responses; errors go through {@link ErrorMapper}. */
final class Responses {
  private Responses() {}

  static void json(ServerResponse res, Status status, Object body) {
    res.status(status);
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.send(Json.write(body));
  }

  static void json(ServerResponse res, Object body) {
    json(res, Status.OK_200, body);
  }
}
