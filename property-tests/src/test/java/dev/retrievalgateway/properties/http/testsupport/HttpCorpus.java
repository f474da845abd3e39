package dev.retrievalgateway.properties.http.testsupport;

import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.identity.HeaderIdentity;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.properties.testsupport.Change;
import dev.retrievalgateway.properties.testsupport.Corpus;
import dev.retrievalgateway.properties.testsupport.Operations.WriteOutcome;

/** Loads a generated corpus into a running gateway, and changes it, through the API. */
public final class HttpCorpus {
  private static final Role ADMIN = GatewayConfig.defaultRoles().get("admin");

  private HttpCorpus() {}

  /** A writer of the tenant, who reads everything the tenant holds. */
  public static Principal adminOf(String tenant) {
    return new Principal(HeaderIdentity.ISSUER, "loader", TenantScope.of(tenant), ADMIN);
  }

  /** Ingests every entry as its tenant's admin; each must be created. */
  public static void load(Corpus corpus, HttpOperations gateway) {
    for (Corpus.Entry e : corpus.entries()) {
      WriteOutcome outcome = gateway.ingest(adminOf(e.tenant()), e.document());
      if (outcome != WriteOutcome.CREATED) {
        throw new AssertionError("loading " + e.docId() + ": " + outcome);
      }
    }
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
