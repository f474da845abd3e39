package dev.retrievalgateway.properties.http.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.IdentityHeaders;

/** What {@code GET /whoami} answers a principal that got through. */
public final class Whoami {
  private Whoami() {}

  /** Asserts a {@code 200} naming exactly the user, tenant and role of this identity. */
  public static void assertPrincipal(RawResponse r, IdentityHeaders id) {
    assertEquals(200, r.status());
    JsonNode who = r.json();
    assertEquals(id.user().get(0), who.path("user").asText());
    assertEquals(id.tenant().get(0), who.path("tenant").asText());
    assertEquals(id.role().get(0), who.path("role").asText());
  }
}
