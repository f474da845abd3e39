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
import java.util.Set;

/**
 * The corpus as a principal sees it: a {@link DocumentStore} and a {@link CorpusIndex} kept in
 * step, and the only way to write either. Every method takes the principal's tenant and clearance
 * and never reveals a document above that clearance: {@link #get} and {@link #remove} answer a
 * document above clearance exactly as they answer a missing one.
 *
 * <pre>{@code
 * SearchableCorpus corpus = new SearchableCorpus(new InMemoryDocumentStore(10_000), new CorpusIndex());
 * corpus.add(tenant, new Document("a-pub-001", "Title", "Body", Classification.PUBLIC));
 * List<SearchableCorpus.Result> results = corpus.query(tenant, Classification.INTERNAL, "body", 5);
 * }</pre>
 *
 * <p>Adds and removes of one tenant are serialized, so the store and the index never disagree about
 * which documents exist. Queries take no lock: a document removed while a query runs is left out of
 * its results.
 */
public final class SearchableCorpus implements AutoCloseable {
  private static final int LOCK_STRIPES = 64;

  private final DocumentStore store;
  private final CorpusIndex index;
  // Striped, so that made-up tenant names cannot grow a table of locks.
  private final Object[] tenantLocks = new Object[LOCK_STRIPES];

  /** The outcome of a delete. A document above the caller's clearance is {@code NOT_FOUND}. */
  public enum DeleteResult {
    DELETED,
    NOT_FOUND
  }

  /** A query result: the document, its score and a snippet of its body (see {@link Snippets}). */
  public record Result(Document document, float score, String snippet) {}

  public SearchableCorpus(DocumentStore store, CorpusIndex index) {
    this.store = Objects.requireNonNull(store, "store");
    this.index = Objects.requireNonNull(index, "index");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      tenantLocks[i] = new Object();
    }
  }

  /** Stores the document, and indexes it when it was {@link AddResult#ADDED}. */
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    synchronized (lockOf(tenant)) {
      AddResult result = store.add(tenant, doc);
      if (result == AddResult.ADDED) {
        try {
          index.add(tenant, doc);
        } catch (RuntimeException | Error e) {
          store.remove(tenant, doc.docId());
          throw e;
        }
      }
      return result;
    }
  }

  /** The tenant's document, when it exists and is readable with the clearance; else empty. */
  public Optional<Document> get(TenantScope tenant, String docId, Classification clearance) {
    Objects.requireNonNull(clearance, "clearance");
    return store.get(tenant, docId).filter(d -> d.classification().isReadableWith(clearance));
  }

  /**
   * Deletes the tenant's document when it exists and is readable with the clearance. A document
   * above the clearance is {@link DeleteResult#NOT_FOUND} and stays.
   */
  public DeleteResult remove(TenantScope tenant, String docId, Classification clearance) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(clearance, "clearance");
    synchronized (lockOf(tenant)) {
      Optional<Document> doc = get(tenant, docId, clearance);
      if (doc.isEmpty()) {
        return DeleteResult.NOT_FOUND;
      }
      index.remove(tenant, docId, doc.get().classification());
      store.remove(tenant, docId);
      return DeleteResult.DELETED;
    }
  }

  /**
   * The best {@code topK} documents of the tenant readable with the clearance, best score first
   * (ties by doc id). Empty when the text leaves no searchable term.
   */
  public List<Result> query(TenantScope tenant, Classification clearance, String text, int topK) {
    List<CorpusIndex.Hit> hits = index.search(tenant, clearance, text, topK);
    if (hits.isEmpty()) {
      return List.of();
    }
    Set<String> terms = index.terms(text);
    List<Result> results = new ArrayList<>(hits.size());
    for (CorpusIndex.Hit hit : hits) {
      // The index already searched only readable levels; the filter is a second line of defence.
      get(tenant, hit.docId(), clearance)
          .ifPresent(
              doc ->
                  results.add(
                      new Result(
                          doc,
                          hit.score(),
                          Snippets.snippet(doc.body(), terms, index.analyzer()))));
    }
    return List.copyOf(results);
  }

  /**
   * True when the tenant holds this document above the clearance. For the audit log only (an {@code
   * access_denied} event): the response must not depend on it.
   */
  public boolean existsAboveClearance(TenantScope tenant, String docId, Classification clearance) {
    Objects.requireNonNull(clearance, "clearance");
    return store
        .get(tenant, docId)
        .filter(d -> !d.classification().isReadableWith(clearance))
        .isPresent();
  }

  /** The number of documents of all tenants. */
  public int size() {
    return store.size();
  }

  /** Closes the index; the store holds no resources. */
  @Override
  public void close() {
    index.close();
  }

  private Object lockOf(TenantScope tenant) {
    return tenantLocks[Math.floorMod(tenant.hashCode(), LOCK_STRIPES)];
  }
}
