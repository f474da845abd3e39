package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.Principal;

/**
 * One search to check: a corpus, the principal who asks, the plain-text query and how many results
 * it asks for.
 */
public record Scenario(Corpus corpus, Principal principal, String query, int topK) {

  public String tenant() {
    return principal.tenant().name();
  }

  public Classification clearance() {
    return principal.role().clearance();
  }

  @Override
  public String toString() {
    return "Scenario[principal="
        + principal.user()
        + "@"
        + tenant()
        + " as "
        + principal.role()
        + ", query=\""
        + query
        + "\", topK="
        + topK
        + "]\n  "
        + corpus;
  }
}
