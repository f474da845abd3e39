package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.corpus.DocumentStore;
import dev.retrievalgateway.identity.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The embedded store: a {@link DocumentStore} and a {@link CorpusIndex} in this process's heap,
 * kept in step. Ephemeral by design (the demo, {@code make run-local}, most tests): one instance
 * only, and a restart loses every document.
 *
 * <p>Adds and deletes of one tenant are serialized on that tenant's own lock, so the store and the
 * index never disagree about which documents exist, and no tenant's writes wait for another's.
 * Searches take no lock: a document deleted while a search runs is left out of its results.
 */
public final class InMemoryCorpusStore implements CorpusStore {
  private final DocumentStore documents;
  private final CorpusIndex index;
  // One lock per tenant that has written; tenants exist only through writes, as in the document
  // store, so this table grows no faster than the store itself.
  private final ConcurrentMap<TenantScope, Object> tenantLocks = new ConcurrentHashMap<>();

  public InMemoryCorpusStore(DocumentStore documents, CorpusIndex index) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    synchronized (tenantLocks.computeIfAbsent(tenant, t -> new Object())) {
      AddResult result = documents.add(tenant, doc);
      if (result == AddResult.ADDED) {
        try {
          index.add(tenant, doc);
        } catch (RuntimeException | Error e) {
          documents.remove(tenant, doc.docId());
          throw e;
        }
      }
      return result;
    }
  }

  @Override
  public Optional<Document> find(TenantScope tenant, String docId) {
    return documents.get(tenant, docId);
  }

  @Override
  public boolean delete(TenantScope tenant, String docId, Classification classification) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(classification, "classification");
    Object lock = tenantLocks.get(tenant);
    if (lock == null) {
      return false; // the tenant never wrote
    }
    synchronized (lock) {
      Optional<Document> doc = documents.get(tenant, docId);
      if (doc.isEmpty() || doc.get().classification() != classification) {
        return false;
      }
      index.remove(tenant, docId, classification);
      documents.remove(tenant, docId);
      return true;
    }
  }

  @Override
  public List<SearchableCorpus.Result> search(
      TenantScope tenant, Classification clearance, String text, int topK) {
    // The index gives each hit's snippet anchor too, so no body is analyzed again.
    List<CorpusIndex.AnchoredHit> hits =
        index.searchWithSnippetAnchors(tenant, clearance, text, topK);
    List<SearchableCorpus.Result> results = new ArrayList<>(hits.size());
    for (CorpusIndex.AnchoredHit anchored : hits) {
      // A document deleted since the search ran is left out.
      documents
          .get(tenant, anchored.hit().docId())
          .ifPresent(
              doc ->
                  results.add(
                      new SearchableCorpus.Result(
                          doc,
                          anchored.hit().score(),
                          Snippets.snippet(doc.body(), anchored.snippetAnchor()))));
    }
    return List.copyOf(results);
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(documents.size());
  }

  /** Closes the index; the document store holds no resources. */
  @Override
  public void close() {
    index.close();
  }
}
