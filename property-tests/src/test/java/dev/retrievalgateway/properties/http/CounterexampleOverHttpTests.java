package dev.retrievalgateway.properties.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Shrunk counterexamples of the HTTP-level properties, kept as examples (see docs/properties.md).
 */
@Tag("claim:no-secrets-in-logs")
class CounterexampleOverHttpTests {

  /** Invariant 4, seed 2141144928: a request event that logged the URL's query string. */
  @Test
  void aTokenInTheUrlQueryStringIsNeverLogged() {
    String canary = "cnryaaabaaaaaaaaaaaalaab";
    try (LogCapture logs = LogCapture.attach();
        RunningGateway gateway = TestGateway.empty().start()) {
      Http http = new Http(gateway.baseUri());

      RawResponse r =
          http.get(
              "/whoami?token=" + canary + "&q=" + canary,
              Http.identity("demo", "tenant-a", "admin"));

      assertEquals(200, r.status());
      logs.awaitEventLine("request", r.header("x-request-id").orElseThrow());
      assertFalse(logs.text().contains(canary));
    }
  }
}
