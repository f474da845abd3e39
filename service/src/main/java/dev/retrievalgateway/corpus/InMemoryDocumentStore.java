package dev.retrievalgateway.corpus;

import dev.retrievalgateway.identity.TenantScope;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DocumentStore} in the heap of one process: ephemeral by design (the demo). Thread-safe:
 * reads and removes are lock-free; an add holds its tenant's lock so that the quota check, the
 * conflict check and the insert are one atomic step (two concurrent adds can never both take the
 * last free place).
 */
public final class InMemoryDocumentStore implements DocumentStore {
  private final int maxDocumentsPerTenant;
  private final ConcurrentMap<TenantScope, ConcurrentMap<String, Document>> tenants =
      new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  /**
   * @param maxDocumentsPerTenant the quota of every tenant, at least 0
   */
  public InMemoryDocumentStore(int maxDocumentsPerTenant) {
    if (maxDocumentsPerTenant < 0) {
      throw new IllegalArgumentException("maxDocumentsPerTenant must not be negative");
    }
    this.maxDocumentsPerTenant = maxDocumentsPerTenant;
  }

  @Override
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    ConcurrentMap<String, Document> docs =
        tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    // Removes need no lock: they only lower the count, which cannot break a check made here.
    synchronized (docs) {
      if (docs.containsKey(doc.docId())) {
        return AddResult.CONFLICT;
      }
      if (docs.size() >= maxDocumentsPerTenant) {
        return AddResult.QUOTA_EXCEEDED;
      }
      docs.put(doc.docId(), doc);
      size.incrementAndGet();
      return AddResult.ADDED;
    }
  }

  @Override
  public Optional<Document> get(TenantScope tenant, String docId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    return docs == null ? Optional.empty() : Optional.ofNullable(docs.get(docId));
  }

  @Override
  public Optional<Document> remove(TenantScope tenant, String docId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    if (docs == null) {
      return Optional.empty();
    }
    Document removed = docs.remove(docId);
    if (removed != null) {
      size.decrementAndGet();
    }
    return Optional.ofNullable(removed);
  }

  @Override
  public int count(TenantScope tenant) {
    Objects.requireNonNull(tenant, "tenant");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    return docs == null ? 0 : docs.size();
  }

  @Override
  public int size() {
    return size.get();
  }
}
