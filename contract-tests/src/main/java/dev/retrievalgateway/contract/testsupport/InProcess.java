package dev.retrievalgateway.contract.testsupport;

import dev.retrievalgateway.testkit.RunningGateway;
import java.net.URI;

/**
 * The default target: the service's own {@link RunningGateway} on free loopback ports, as {@code
 * make run-local} configures it, plus a second gateway with low limits for the throttling and quota
 * tests (so that they never throttle the rest of the suite).
 */
final class InProcess implements AutoCloseable {
  static final int THROTTLE_BURST = 3;
  static final int MAX_DOCUMENTS = 2;

  private RunningGateway main;
  private RunningGateway limited;

  record Gateways(URI main, URI limited) {}

  Gateways start() {
    main = RunningGateway.builder().start();
    limited =
        RunningGateway.builder()
            .with("gateway.throttle.rate", "2")
            .with("gateway.throttle.burst", Integer.toString(THROTTLE_BURST))
            .with("gateway.corpus.max.documents", Integer.toString(MAX_DOCUMENTS))
            .with("gateway.corpus.seed", "none")
            .start();
    return new Gateways(main.baseUri(), limited.baseUri());
  }

  @Override
  public void close() {
    if (limited != null) {
      limited.close();
    }
    if (main != null) {
      main.close();
    }
  }
}
