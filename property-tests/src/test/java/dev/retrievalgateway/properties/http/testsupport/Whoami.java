package dev.retrievalgateway.properties.http.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.testkit.RawResponse;

/** What {@code GET /whoami} answers a principal that got through. */
public final class Whoami {
  private Whoami() {}

  /** Asserts a {@code 200} naming exactly this user, tenant and role. */
  public static void assertPrincipal(RawResponse r, String user, String tenant, String role) {
    assertEquals(200, r.status());
    JsonNode who = r.json();
    assertEquals(user, who.path("user").asText());
    assertEquals(tenant, who.path("tenant").asText());
    assertEquals(role, who.path("role").asText());
  }
}
