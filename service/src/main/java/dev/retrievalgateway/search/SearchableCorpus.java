package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.corpus.InMemoryDocumentStore;
import dev.retrievalgateway.identity.TenantScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The corpus as a principal sees it, on either store: the access rules on top of a {@link
 * CorpusStore}, and the only way the HTTP layer reads or writes documents. Every method takes the
 * principal's tenant and clearance and never reveals a document above that clearance: {@link
 * #lookup} tells the caller's code (for the audit log) what {@link #remove} and the 404 hide.
 *
 * <pre>{@code
 * SearchableCorpus corpus = SearchableCorpus.inMemory(10_000);
 * corpus.add(tenant, new Document("a-pub-001", "Title", "Body", Classification.PUBLIC));
 * List<SearchableCorpus.Result> results = corpus.query(tenant, Classification.INTERNAL, "body", 5);
 * }</pre>
 */
public final class SearchableCorpus implements AutoCloseable {
  private final CorpusStore store;

  /** The outcome of a delete. A document above the caller's clearance is {@code NOT_FOUND}. */
  public enum DeleteResult {
    DELETED,
    NOT_FOUND
  }

  /** A query result: the document, its score and a snippet of its body (see {@link Snippets}). */
  public record Result(Document document, float score, String snippet) {}

  /**
   * What a principal's lookup of a document id found. {@link AboveClearance} and {@link Absent}
   * must be answered alike (the same 404); only the audit log may tell them apart.
   */
  public sealed interface Lookup {
    /** The document, readable with the clearance. */
    record Readable(Document document) implements Lookup {}

    /** The tenant holds a document with this id above the clearance. */
    record AboveClearance() implements Lookup {}

    /** The tenant holds no document with this id. */
    record Absent() implements Lookup {}
  }

  public SearchableCorpus(CorpusStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A corpus on a fresh in-memory store whose tenants hold at most {@code quota} documents. */
  public static SearchableCorpus inMemory(int quota) {
    return new SearchableCorpus(
        new InMemoryCorpusStore(new InMemoryDocumentStore(quota), new CorpusIndex()));
  }

  /** Stores and indexes the document (see {@link CorpusStore#add}). */
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    return store.add(tenant, doc);
  }

  /**
   * What the tenant holds under this id, as seen with the clearance: one store read, whatever the
   * outcome, so that a document above the clearance costs the same as a missing one.
   */
  public Lookup lookup(TenantScope tenant, String docId, Classification clearance) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(clearance, "clearance");
    Optional<Document> doc = store.find(tenant, docId);
    if (doc.isEmpty()) {
      return new Lookup.Absent();
    }
    return doc.get().classification().isReadableWith(clearance)
        ? new Lookup.Readable(doc.get())
        : new Lookup.AboveClearance();
  }

  /** The tenant's document, when it exists and is readable with the clearance; else empty. */
  public Optional<Document> get(TenantScope tenant, String docId, Classification clearance) {
    return lookup(tenant, docId, clearance) instanceof Lookup.Readable r
        ? Optional.of(r.document())
        : Optional.empty();
  }

  /**
   * Deletes the tenant's document when it exists and is readable with the clearance. A document
   * above the clearance is {@link DeleteResult#NOT_FOUND} and stays.
   */
  public DeleteResult remove(TenantScope tenant, String docId, Classification clearance) {
    Optional<Document> doc = get(tenant, docId, clearance);
    if (doc.isEmpty() || !store.delete(tenant, docId, doc.get().classification())) {
      return DeleteResult.NOT_FOUND;
    }
    return DeleteResult.DELETED;
  }

  /**
   * The best {@code topK} documents of the tenant readable with the clearance, best score first
   * (ties by doc id). Empty when the text leaves no searchable term.
   */
  public List<Result> query(TenantScope tenant, Classification clearance, String text, int topK) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(text, "text");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive");
    }
    List<Result> results = store.search(tenant, clearance, text, topK);
    // The store searched only readable levels; this check is a second line of defence.
    for (Result r : results) {
      if (!r.document().classification().isReadableWith(clearance)) {
        throw new IllegalStateException("the store returned a document above the clearance");
      }
    }
    return results;
  }

  /** The number of documents of all tenants, when the store can say cheaply. */
  public OptionalLong size() {
    return store.size();
  }

  /** Closes the store. */
  @Override
  public void close() {
    store.close();
  }
}
