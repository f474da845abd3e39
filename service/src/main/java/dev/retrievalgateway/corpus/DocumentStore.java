package dev.retrievalgateway.corpus;

import dev.retrievalgateway.identity.TenantScope;
import java.util.Optional;

/**
 * The documents of every tenant, keyed by (tenant, doc id). Ids are per tenant: the same id in two
 * tenants is two documents. The store knows nothing about clearance; callers that serve a principal
 * go through {@code dev.retrievalgateway.search.SearchableCorpus}, which also keeps the search
 * index in step.
 */
public interface DocumentStore {

  /**
   * Adds a document to a tenant, atomically: {@link AddResult#CONFLICT} when the id already exists
   * in that tenant, {@link AddResult#QUOTA_EXCEEDED} when the tenant is full, otherwise {@link
   * AddResult#ADDED}.
   */
  AddResult add(TenantScope tenant, Document doc);

  /** The tenant's document with this id, if any. */
  Optional<Document> get(TenantScope tenant, String docId);

  /** Removes the tenant's document with this id and returns it; empty when there was none. */
  Optional<Document> remove(TenantScope tenant, String docId);

  /** The number of documents the tenant holds. */
  int count(TenantScope tenant);

  /** The number of documents of all tenants together. */
  int size();
}
