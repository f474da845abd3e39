package dev.retrievalgateway.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * The bench's baseline: a bare Helidon SE server on 127.0.0.1 that answers {@code GET /health} with
 * a fixed JSON body, and nothing else. What the gateway's routes cost is read against it, measured
 * in the same run on the same cores. Usage: {@code java -jar bench.jar PORT}.
 */
public final class BareHelidon {
  private static final String HEALTH = "{\"status\":\"ok\"}";

  private BareHelidon() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    WebServer server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(port)
            .routing(
                routing ->
                    routing.get(
                        "/health",
                        (req, res) -> {
                          res.header(HeaderNames.CONTENT_TYPE, "application/json");
                          res.send(HEALTH);
                        }))
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }
}
