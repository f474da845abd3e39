package dev.retrievalgateway.properties.http.testsupport;

import static dev.retrievalgateway.testkit.properties.Generators.roles;
import static dev.retrievalgateway.testkit.properties.Generators.scenarios;

import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.properties.Change;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.Scenario;
import java.util.function.BiConsumer;

/** Loads a generated corpus into a running gateway, and changes it, through the API. */
public final class HttpCorpus {
  private HttpCorpus() {}

  /** A writer of the tenant, who reads everything the tenant holds. */
  public static Principal adminOf(String tenant) {
    return Corpus.adminOf(tenant);
  }

  /** Ingests every entry as its tenant's admin; each must be created. */
  public static void load(Corpus corpus, HttpOperations gateway) {
    corpus.loadThrough(gateway);
  }

  /** The corpus loaded into fresh tenants of the gateway, and the operations that reach it. */
  public static HttpOperations loadIntoFreshTenants(Corpus corpus, Http http) {
    HttpOperations gateway = new HttpOperations(http, TenantNames.fresh());
    load(corpus, gateway);
    return gateway;
  }

  /**
   * {@code property} of {@code invariant}, for {@code examples} generated scenarios (principals of
   * any role), each over its corpus loaded into fresh tenants of {@code gateway}.
   */
  public static void checkOnEveryScenario(
      Invariant invariant,
      int examples,
      GatewayExtension gateway,
      BiConsumer<Scenario, HttpOperations> property) {
    PropertyCheck.httpLevel(invariant, examples)
        .forAll(
            scenarios(roles()),
            s -> property.accept(s, loadIntoFreshTenants(s.corpus(), gateway.http())));
  }

  /** Applies a change as its tenant's admin. */
  public static void apply(Change change, HttpOperations gateway) {
    Principal admin = adminOf(change.entry().tenant());
    switch (change.kind()) {
      case ADD -> gateway.ingest(admin, change.entry().document());
      case DELETE -> gateway.delete(admin, change.entry().docId());
      case REPLACE -> {
        gateway.delete(admin, change.entry().docId());
        gateway.ingest(admin, change.entry().document());
      }
    }
  }
}
