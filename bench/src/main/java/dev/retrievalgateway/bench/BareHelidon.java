package dev.retrievalgateway.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * The bench's baseline: a bare Helidon SE server on 127.0.0.1 that answers {@code GET /health} with
 * a fixed JSON body, and {@code GET /spin?micros=N} with the same body after computing for N µs on
 * the request's virtual thread. What the gateway's routes cost is read against the first, measured
 * in the same run on the same cores; the second shows what CPU-bound work on virtual threads does
 * to the tail (the JDK does not time-slice them), which is why the gateway's in-memory store runs
 * on platform threads of its own. Usage: {@code java -jar bench.jar PORT}.
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
                    routing
                        .get(
                            "/health",
                            (req, res) -> {
                              res.header(HeaderNames.CONTENT_TYPE, "application/json");
                              res.send(HEALTH);
                            })
                        .get(
                            "/spin",
                            (req, res) -> {
                              long micros = Long.parseLong(req.query().first("micros").orElse("0"));
                              spin(micros);
                              res.header(HeaderNames.CONTENT_TYPE, "application/json");
                              res.send(HEALTH);
                            }))
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  /**
   * Burns {@code micros} of this thread's CPU without blocking, as a search does. The loop reads
   * the clock on each turn, so the JIT cannot drop it.
   */
  private static void spin(long micros) {
    long end = System.nanoTime() + micros * 1000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
