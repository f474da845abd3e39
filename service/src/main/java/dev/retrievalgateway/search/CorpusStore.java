package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The seam between the gateway and where documents and their indexes live: one implementation in
 * this process's heap ({@link InMemoryCorpusStore}), one in OpenSearch ({@link
 * OpenSearchCorpusStore}). A store knows tenants and classifications but no principals or roles:
 * {@link SearchableCorpus} applies the access rules on top of it, the same for both.
 *
 * <p>Every store keeps one index per (tenant, classification), and a search reads exactly the
 * indexes of the tenant whose classification the clearance may read, so that ranking statistics
 * come only from readable documents (score isolation, CONTRACT.md). A store that cannot answer
 * throws {@link StoreUnavailableException}; it never answers with partial results.
 */
public interface CorpusStore extends AutoCloseable {

  /**
   * Stores and indexes a document, atomically across every instance that shares the store: {@link
   * AddResult#CONFLICT} when the tenant already holds a document with this id (at any
   * classification), {@link AddResult#QUOTA_EXCEEDED} when the tenant is full, otherwise {@link
   * AddResult#ADDED}, visible to the next request of any instance.
   */
  AddResult add(TenantScope tenant, Document doc);

  /** The tenant's document with this id, whatever its classification; empty when there is none. */
  Optional<Document> find(TenantScope tenant, String docId);

  /**
   * Deletes the tenant's document with this id and classification. False when there was none (a
   * concurrent delete won). The next search no longer finds it.
   */
  boolean delete(TenantScope tenant, String docId, Classification classification);

  /**
   * The best {@code topK} documents of the tenant among the classifications readable with {@code
   * clearance}, best score first, ties by doc id; empty when the text leaves no searchable term.
   */
  List<SearchableCorpus.Result> search(
      TenantScope tenant, Classification clearance, String text, int topK);

  /** The number of documents of all tenants, when the store can say cheaply; for the logs. */
  OptionalLong size();

  @Override
  void close();
}
