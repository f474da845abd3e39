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
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: a {@link DocumentStore} and a {@link CorpusIndex} in this process's heap,
 * kept in step. Ephemeral by design (the demo, {@code make run-local}, most tests): one instance
 * only, and a restart loses every document.
 *
 * <p>Adds and deletes of one tenant are serialized on that tenant's own lock, so the store and the
 * index never disagree about which documents exist, and no tenant's writes wait for another's.
 * Searches take no lock: a document deleted while a search runs is left out of its results.
 *
 * <p>Searches and writes are CPU work in this process, so they run on the {@link FairShare} pool's
 * platform threads, in turns by tenant: the virtual thread of the request waits for them rather
 * than computing on a carrier that the JDK does not time-slice, and a tenant with many heavy
 * operations in flight leaves another tenant's query waiting for one of them, not for all. A write
 * takes its tenant's lock before it queues, so a writer waiting for that lock holds no thread of
 * the pool. The tenant locks are {@link ReentrantLock}s, not monitors: on JDK 21 a virtual thread
 * that waits inside {@code synchronized} keeps its carrier for as long as it waits.
 */
public final class InMemoryCorpusStore implements CorpusStore {
  private final DocumentStore documents;
  private final CorpusIndex index;
  // One lock per tenant that has written; tenants exist only through writes, as in the document
  // store, so this table grows no faster than the store itself.
  private final ConcurrentMap<TenantScope, ReentrantLock> tenantLocks = new ConcurrentHashMap<>();
  private final FairShare turns = FairShare.shared();

  public InMemoryCorpusStore(DocumentStore documents, CorpusIndex index) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    ReentrantLock lock = tenantLocks.computeIfAbsent(tenant, t -> new ReentrantLock());
    lock.lock();
    try {
      return turns.run(tenant, () -> addInTurn(tenant, doc));
    } finally {
      lock.unlock();
    }
  }

  private AddResult addInTurn(TenantScope tenant, Document doc) {
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

  @Override
  public Optional<Document> find(TenantScope tenant, String docId) {
    return documents.get(tenant, docId);
  }

  @Override
  public boolean delete(TenantScope tenant, String docId, Classification classification) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(classification, "classification");
    ReentrantLock lock = tenantLocks.get(tenant);
    if (lock == null) {
      return false; // the tenant never wrote
    }
    lock.lock();
    try {
      return turns.run(tenant, () -> deleteInTurn(tenant, docId, classification));
    } finally {
      lock.unlock();
    }
  }

  private boolean deleteInTurn(TenantScope tenant, String docId, Classification classification) {
    Optional<Document> doc = documents.get(tenant, docId);
    if (doc.isEmpty() || doc.get().classification() != classification) {
      return false;
    }
    index.remove(tenant, docId, classification);
    documents.remove(tenant, docId);
    return true;
  }

  @Override
  public List<SearchableCorpus.Result> search(
      TenantScope tenant, Classification clearance, String text, int topK) {
    return turns.run(tenant, () -> searchInTurn(tenant, clearance, text, topK));
  }

  private List<SearchableCorpus.Result> searchInTurn(
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
