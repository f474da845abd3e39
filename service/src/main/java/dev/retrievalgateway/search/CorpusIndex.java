package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text search over every tenant's documents, with one in-memory Lucene index per (tenant,
 * classification). A search opens only the indexes of the caller's tenant whose classification the
 * caller's clearance may read, and searches their union: nothing is ever post-filtered, so the
 * ranking statistics (BM25's document count, document frequencies, average length) come only from
 * documents the caller may read. A principal's results, ids, order and scores, therefore never
 * change when a document of another tenant, or above its clearance, is added or removed
 * (CONTRACT.md, "Score isolation").
 *
 * <pre>{@code
 * try (CorpusIndex index = new CorpusIndex()) {
 *   index.add(tenant, document);
 *   List<CorpusIndex.Hit> hits = index.search(tenant, Classification.INTERNAL, "revenue forecast", 5);
 * }
 * }</pre>
 *
 * <p>Queries are plain text, never a query language: the text goes through the same analyzer as the
 * documents, and each distinct term becomes an optional term clause on the title and on the body.
 * Writes are visible to the very next search (read-your-writes). Deletions are merged away at once,
 * so that a removed document stops counting in the statistics as well. Thread-safe.
 */
public final class CorpusIndex implements AutoCloseable {
  static final String DOC_ID = "docId";
  static final String TITLE = "title";
  static final String BODY = "body";

  private static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField(DOC_ID, SortField.Type.STRING));

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ConcurrentMap<TenantScope, ConcurrentMap<Classification, LevelIndex>> tenants =
      new ConcurrentHashMap<>();
  // Every operation holds the read lock, close() the write lock: nothing runs on a closed index.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  /** A search result: the document id and its BM25 score. */
  public record Hit(String docId, float score) {}

  /** Indexes a document under its tenant and classification; visible to the next search. */
  public void add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    org.apache.lucene.document.Document fields = new org.apache.lucene.document.Document();
    fields.add(new StringField(DOC_ID, doc.docId(), Field.Store.YES));
    fields.add(new SortedDocValuesField(DOC_ID, new BytesRef(doc.docId())));
    fields.add(new TextField(TITLE, doc.title(), Field.Store.NO));
    fields.add(new TextField(BODY, doc.body(), Field.Store.NO));
    whileOpen(
        () -> {
          LevelIndex level =
              tenants
                  .computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                  .computeIfAbsent(doc.classification(), c -> LevelIndex.open(analyzer));
          level.put(new Term(DOC_ID, doc.docId()), fields);
          return null;
        });
  }

  /**
   * Removes a document from the index of its tenant and classification; the next search no longer
   * finds it, and it no longer counts in the ranking statistics. Nothing happens when it is absent.
   */
  public void remove(TenantScope tenant, String docId, Classification classification) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(classification, "classification");
    whileOpen(
        () -> {
          Map<Classification, LevelIndex> levels = tenants.get(tenant);
          LevelIndex level = levels == null ? null : levels.get(classification);
          if (level != null) {
            level.delete(new Term(DOC_ID, docId));
          }
          return null;
        });
  }

  /**
   * The best {@code topK} documents of the tenant, among those readable with {@code clearance}, for
   * a plain-text query: best score first, ties by doc id (ascending, by UTF-8 bytes). Empty when
   * the query leaves no searchable term.
   */
  public List<Hit> search(
      TenantScope tenant, Classification clearance, String queryText, int topK) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(queryText, "queryText");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive");
    }
    return whileOpen(
        () -> {
          Set<String> terms = terms(queryText);
          Map<Classification, LevelIndex> levels = tenants.get(tenant);
          if (terms.isEmpty() || levels == null) {
            return List.of();
          }
          // The access decision is made here, by choosing the readers: never by filtering hits.
          List<LevelIndex> readable = new ArrayList<>();
          for (Classification c : Classification.values()) {
            LevelIndex level = levels.get(c);
            if (level != null && c.isReadableWith(clearance)) {
              readable.add(level);
            }
          }
          return searchLevels(readable, query(terms), topK);
        });
  }

  /** The terms a query's text searches for ({@link QueryTerms}, with this index's analyzer). */
  Set<String> terms(String text) {
    return QueryTerms.of(analyzer, text);
  }

  /** The analyzer of every index field; snippets use it to find a query term in a body. */
  Analyzer analyzer() {
    return analyzer;
  }

  /** Closes every index; later calls of any method but this one throw IllegalStateException. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      IOException failure = null;
      for (Map<Classification, LevelIndex> levels : tenants.values()) {
        for (LevelIndex level : levels.values()) {
          try {
            level.close();
          } catch (IOException e) {
            failure = failure == null ? e : failure;
          }
        }
      }
      tenants.clear();
      analyzer.close();
      if (failure != null) {
        throw new UncheckedIOException(failure);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private <T> T whileOpen(Supplier<T> operation) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("corpus index is closed");
      }
      return operation.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private static BooleanQuery query(Set<String> terms) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String term : terms) {
      query.add(new TermQuery(new Term(TITLE, term)), BooleanClause.Occur.SHOULD);
      query.add(new TermQuery(new Term(BODY, term)), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  private static List<Hit> searchLevels(List<LevelIndex> levels, BooleanQuery query, int topK) {
    if (levels.isEmpty()) {
      return List.of();
    }
    List<ReaderManager> acquiredFrom = new ArrayList<>();
    List<DirectoryReader> acquired = new ArrayList<>();
    try {
      for (LevelIndex level : levels) {
        acquired.add(level.readers.acquire());
        acquiredFrom.add(level.readers);
      }
      // closeSubReaders=false: the sub-readers belong to their ReaderManagers, released below.
      try (MultiReader union = new MultiReader(acquired.toArray(new IndexReader[0]), false)) {
        IndexSearcher searcher = new IndexSearcher(union);
        searcher.setQueryCache(null);
        TopFieldDocs top = searcher.search(query, topK, BY_SCORE_THEN_ID, true);
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          hits.add(new Hit(stored.document(hit.doc).get(DOC_ID), hit.score));
        }
        return List.copyOf(hits);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (int i = 0; i < acquired.size(); i++) {
        try {
          acquiredFrom.get(i).release(acquired.get(i));
        } catch (IOException e) {
          // Releasing an in-memory reader does not fail in practice; the search result stands.
        }
      }
    }
  }

  @FunctionalInterface
  private interface WriterChange {
    void apply(IndexWriter writer) throws IOException;
  }

  /** The index of one (tenant, classification): a writer and its near-real-time readers. */
  private static final class LevelIndex {
    final IndexWriter writer;
    final ReaderManager readers;

    private LevelIndex(IndexWriter writer, ReaderManager readers) {
      this.writer = writer;
      this.readers = readers;
    }

    static LevelIndex open(Analyzer analyzer) {
      TieredMergePolicy mergePolicy = new TieredMergePolicy();
      mergePolicy.setForceMergeDeletesPctAllowed(0.0);
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setMergePolicy(mergePolicy)
              // Merges in the writing thread: no background threads, and a segment layout that
              // depends only on the sequence of writes.
              .setMergeScheduler(new SerialMergeScheduler())
              .setCommitOnClose(false);
      try {
        IndexWriter writer = new IndexWriter(new ByteBuffersDirectory(), config);
        return new LevelIndex(writer, new ReaderManager(writer));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Adds a document, replacing the one with the same id if there is one. */
    synchronized void put(Term id, Iterable<? extends IndexableField> fields) {
      if (contains(id)) {
        // Indexing the same id twice never makes two hits: the old one goes.
        write(writer -> writer.updateDocument(id, fields), true);
      } else {
        write(writer -> writer.addDocument(fields), false);
      }
    }

    /** Deletes the document with this id, if there is one. */
    synchronized void delete(Term id) {
      if (contains(id)) {
        write(writer -> writer.deleteDocuments(id), true);
      }
    }

    /**
     * Applies one change, merges away deleted documents when the change deletes one, and refreshes
     * the readers, so that the next search sees the change. Lucene keeps a deleted (or replaced)
     * document in the term statistics until its segment is merged: merging at once keeps a removed
     * document from still weighing on anyone's scores. Writes of one index are serialized (put and
     * delete are synchronized), so the check of contains() still holds when the change applies.
     */
    private void write(WriterChange change, boolean deletes) {
      try {
        change.apply(writer);
        if (deletes) {
          writer.forceMergeDeletes(true);
        }
        readers.maybeRefreshBlocking();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Whether the current (latest refreshed) reader holds a document with this id. */
    private boolean contains(Term id) {
      try {
        DirectoryReader reader = readers.acquire();
        try {
          return reader.docFreq(id) > 0;
        } finally {
          readers.release(reader);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void close() throws IOException {
      try {
        readers.close();
      } finally {
        writer.close();
      }
    }
  }
}
