package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.SearchableCorpus;

/**
 * A change to one document: an add, a replacement (delete, then add with new text) or a delete. The
 * score isolation property makes each one outside the principal's readable set.
 */
public record Change(Kind kind, Corpus.Entry entry) {
  public enum Kind {
    ADD,
    REPLACE,
    DELETE
  }

  /** Applies the change to the service's classes, with a writer's clearance. */
  public void apply(SearchableCorpus corpus) {
    TenantScope tenant = TenantScope.of(entry.tenant());
    switch (kind) {
      case ADD -> corpus.add(tenant, entry.document()); // a CONFLICT changes nothing either
      case DELETE -> corpus.remove(tenant, entry.docId(), Classification.RESTRICTED);
      case REPLACE -> {
        corpus.remove(tenant, entry.docId(), Classification.RESTRICTED);
        corpus.add(tenant, entry.document());
      }
    }
  }

  /**
   * The corpus after this change, as the service should hold it: an add of a (tenant, id) that
   * exists changes nothing; a replacement takes the old document's place at the end.
   */
  public Corpus applyTo(Corpus corpus) {
    java.util.List<Corpus.Entry> entries = new java.util.ArrayList<>(corpus.entries());
    boolean exists = corpus.get(entry.tenant(), entry.docId()).isPresent();
    switch (kind) {
      case ADD -> {
        if (!exists) {
          entries.add(entry);
        }
      }
      case DELETE -> entries.removeIf(this::sameDocument);
      case REPLACE -> {
        entries.removeIf(this::sameDocument);
        entries.add(entry);
      }
    }
    return new Corpus(entries);
  }

  private boolean sameDocument(Corpus.Entry e) {
    return e.tenant().equals(entry.tenant()) && e.docId().equals(entry.docId());
  }

  @Override
  public String toString() {
    return kind + " " + entry;
  }
}
