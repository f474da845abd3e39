package dev.retrievalgateway.properties.http.testsupport;

import dev.retrievalgateway.testkit.RunningGateway;

/** The gateway the HTTP-level properties run against. */
public final class TestGateway {
  private TestGateway() {}

  /**
   * A header-mode gateway on a free loopback port with an empty corpus and throttling out of the
   * way (the properties send thousands of requests as a few principals).
   */
  public static RunningGateway.Builder empty() {
    return RunningGateway.builder().unthrottled().with("gateway.corpus.seed", "none");
  }
}
