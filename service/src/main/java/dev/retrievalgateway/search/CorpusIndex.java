package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
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
 *
 * <p>Speed: a write does not refresh the readers; the next search of that index does, once for all
 * the writes before it. A run of writes so becomes one segment rather than one per document, and a
 * query seeks each term in a few segments instead of dozens (the per-segment term lookup over
 * {@code ByteBuffersDirectory} was most of a query's cost). Segment layout never moves a score: the
 * statistics BM25 uses are summed over the whole reader. A body longer than a snippet also gets
 * field ({@link #OFFSETS}) whose postings hold the offset of each term's first occurrence, so that
 * its snippet anchor is read, not re-analyzed: one advance per hit and query term, whatever the
 * body's length or vocabulary.
 */
public final class CorpusIndex implements AutoCloseable {
  static final String DOC_ID = "docId";
  static final String TITLE = "title";
  static final String BODY = "body";

  /**
   * The body again, indexed for nothing but the offsets in its postings: where each term first
   * occurs, for the snippet anchor. Only bodies longer than a snippet have it (a shorter body is
   * its own snippet); queries never search it, and its statistics are its own, so scores do not see
   * it.
   */
  static final String OFFSETS = "bodyOffsets";

  private static final FieldType OFFSETS_TYPE = offsetsType();

  private static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField(DOC_ID, SortField.Type.STRING));

  private final Analyzer analyzer = new EnglishAnalyzer();
  // What the writers use: the analyzer above for every field, and for OFFSETS the same chain
  // keeping only each term's first occurrence, so that a body's postings hold one offset per
  // distinct term and reading it costs the body's vocabulary, not its length.
  private final Analyzer indexAnalyzer =
      new PerFieldAnalyzerWrapper(analyzer, Map.of(OFFSETS, firstOccurrences(analyzer)));
  private final ConcurrentMap<TenantScope, ConcurrentMap<Classification, LevelIndex>> tenants =
      new ConcurrentHashMap<>();
  // The searcher last used for each (tenant, clearance), kept while its readers are the current
  // ones; see Searchers.
  private final Searchers searchers = new Searchers();
  // Every operation holds the read lock, close() the write lock: nothing runs on a closed index.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  /** A search result: the document id and its BM25 score. */
  public record Hit(String docId, float score) {}

  /**
   * A search result with its snippet anchor: the char offset in the document's body of the first
   * token that is a query term, or -1 when there is none or the body is its own snippet; {@link
   * Snippets#snippet(String, int)} makes the snippet from it.
   */
  public record AnchoredHit(Hit hit, int snippetAnchor) {}

  /** Indexes a document under its tenant and classification; visible to the next search. */
  public void add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    org.apache.lucene.document.Document fields = new org.apache.lucene.document.Document();
    // The id is indexed (writes replace and delete by it) and kept as doc values (the sort's tie
    // break, from which a hit's id is also read), never stored: a stored-fields read per hit
    // decompressed a block to get back a value the sort already holds.
    fields.add(new StringField(DOC_ID, doc.docId(), Field.Store.NO));
    fields.add(new SortedDocValuesField(DOC_ID, new BytesRef(doc.docId())));
    fields.add(new TextField(TITLE, doc.title(), Field.Store.NO));
    fields.add(new TextField(BODY, doc.body(), Field.Store.NO));
    if (!Snippets.isWhole(doc.body())) {
      fields.add(new Field(OFFSETS, doc.body(), OFFSETS_TYPE));
    }
    whileOpen(
        () -> {
          LevelIndex level =
              tenants
                  .computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                  .computeIfAbsent(doc.classification(), c -> LevelIndex.open(indexAnalyzer));
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
    return search(tenant, clearance, queryText, topK, false).stream()
        .map(AnchoredHit::hit)
        .toList();
  }

  /**
   * The same hits as {@link #search}, each with its snippet anchor, read from the offsets the index
   * recorded: no body is analyzed again.
   */
  public List<AnchoredHit> searchWithSnippetAnchors(
      TenantScope tenant, Classification clearance, String queryText, int topK) {
    return search(tenant, clearance, queryText, topK, true);
  }

  private List<AnchoredHit> search(
      TenantScope tenant,
      Classification clearance,
      String queryText,
      int topK,
      boolean withAnchors) {
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
          return searchLevels(tenant, clearance, readable, terms, topK, withAnchors);
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
      searchers.clear();
      indexAnalyzer.close();
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

  private static BooleanQuery query(Set<String> terms, Searchers.Searcher searcher)
      throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String term : terms) {
      for (String field : List.of(TITLE, BODY)) {
        Term fieldTerm = new Term(field, term);
        query.add(searcher.termQuery(fieldTerm), BooleanClause.Occur.SHOULD);
      }
    }
    return query.build();
  }

  private List<AnchoredHit> searchLevels(
      TenantScope tenant,
      Classification clearance,
      List<LevelIndex> levels,
      Set<String> terms,
      int topK,
      boolean withAnchors) {
    if (levels.isEmpty()) {
      return List.of();
    }
    List<ReaderManager> acquiredFrom = new ArrayList<>();
    List<DirectoryReader> acquired = new ArrayList<>();
    try {
      boolean refreshed = false;
      for (LevelIndex level : levels) {
        refreshed |= level.refreshIfBehind();
        acquired.add(level.readers.acquire());
        acquiredFrom.add(level.readers);
      }
      if (refreshed) {
        searchers.forget(tenant);
      }
      Searchers.Searcher searcher = searchers.over(tenant, clearance, acquired);
      // doDocScores=false: the sort's first field is the score the collector computed, so the
      // hits carry it already; asking for doc scores would score every hit a second time with a
      // fresh weight and scorers per leaf (TopFieldCollector.populateScores), which was a sixth
      // of a demo query's cost, for the same floats. The id is the sort's second field.
      TopFieldDocs top =
          searcher
              .searcher()
              .search(new DocAtATimeQuery(query(terms, searcher)), topK, BY_SCORE_THEN_ID, false);
      int[] anchors =
          withAnchors
              ? snippetAnchors(searcher.searcher().getIndexReader(), top.scoreDocs, terms)
              : null;
      List<AnchoredHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (int i = 0; i < top.scoreDocs.length; i++) {
        Object[] sortValues = ((FieldDoc) top.scoreDocs[i]).fields;
        Hit found = new Hit(((BytesRef) sortValues[1]).utf8ToString(), (Float) sortValues[0]);
        hits.add(new AnchoredHit(found, withAnchors ? anchors[i] : -1));
      }
      return List.copyOf(hits);
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

  /**
   * The snippet anchor of each hit: the char offset in its body of the first occurrence of any of
   * the terms, or -1 (also when the body has no {@link #OFFSETS}: it is its own snippet). The first
   * token that is a query term is the one with the least start offset, since the analyzer's offsets
   * grow with its tokens. Read from OFFSETS' postings, which hold one occurrence, the first, of
   * each term of a body: per term and segment one seek, then one forward advance per hit in doc
   * order. Term vectors held the same offsets, but a vector is decoded whole and searched term by
   * term from its start: for 100,000-character bodies that was four fifths of a top-50 query.
   */
  static int[] snippetAnchors(IndexReader reader, ScoreDoc[] hits, Set<String> terms)
      throws IOException {
    int[] anchors = new int[hits.length];
    Arrays.fill(anchors, -1);
    Integer[] inDocOrder = new Integer[hits.length];
    Arrays.setAll(inDocOrder, i -> i);
    Arrays.sort(inDocOrder, Comparator.comparingInt(i -> hits[i].doc));
    List<LeafReaderContext> leaves = reader.leaves();
    for (String term : terms) {
      BytesRef text = new BytesRef(term);
      LeafReaderContext leaf = null;
      PostingsEnum occurrences = null;
      for (int i : inDocOrder) {
        LeafReaderContext hitLeaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
        if (hitLeaf != leaf) {
          leaf = hitLeaf;
          Terms offsets = leaf.reader().terms(OFFSETS);
          TermsEnum seek = offsets == null ? null : offsets.iterator();
          occurrences =
              seek != null && seek.seekExact(text)
                  ? seek.postings(null, PostingsEnum.OFFSETS)
                  : null;
        }
        int doc = hits[i].doc - leaf.docBase;
        if (occurrences != null
            && (occurrences.docID() >= doc ? occurrences.docID() : occurrences.advance(doc))
                == doc) {
          occurrences.nextPosition();
          int start = occurrences.startOffset();
          anchors[i] = anchors[i] < 0 ? start : Math.min(anchors[i], start);
        }
      }
    }
    return anchors;
  }

  /**
   * The analyzer's token chain, then a filter that drops every token whose term came before: the
   * offsets of first occurrences are exactly those of the full analysis. Its components are its own
   * (not the wrapped analyzer's reused ones), so indexing the body and OFFSETS never share a
   * stream.
   */
  private static Analyzer firstOccurrences(Analyzer english) {
    return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return english;
      }

      @Override
      protected TokenStreamComponents wrapComponents(
          String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(
            components.getSource(), new FirstOccurrenceFilter(components.getTokenStream()));
      }
    };
  }

  /** Keeps the first token of each term and drops its repetitions. */
  private static final class FirstOccurrenceFilter extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final Set<String> seen = new HashSet<>();

    FirstOccurrenceFilter(TokenStream in) {
      super(in);
    }

    @Override
    protected boolean accept() {
      return seen.add(term.toString());
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      seen.clear();
    }
  }

  private static FieldType offsetsType() {
    FieldType type = new FieldType();
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.setTokenized(true);
    type.setOmitNorms(true);
    type.freeze();
    return type;
  }

  @FunctionalInterface
  private interface WriterChange {
    void apply(IndexWriter writer) throws IOException;
  }

  /**
   * The index of one (tenant, classification): a writer and its near-real-time readers, refreshed
   * by the first search after a write rather than by every write.
   */
  private static final class LevelIndex {
    final IndexWriter writer;
    final ReaderManager readers;
    // The ids this index holds, so that a write knows whether it replaces without a reader refresh.
    private final Set<String> ids = new HashSet<>(); // guarded by this
    // Writes applied to the writer, and of those the ones the current reader shows: a search
    // refreshes when they differ. Counted after a write applies, read before a refresh starts, so a
    // reader never claims a write it may not show.
    private final AtomicLong applied = new AtomicLong();
    private volatile long visible;
    private final Object refreshLock = new Object();

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
              // Merges in the writing (or refreshing) thread: no background threads, and a segment
              // layout that depends only on the sequence of writes and searches.
              .setMergeScheduler(new SerialMergeScheduler())
              .setCommitOnClose(false);
      try {
        // Each file of a segment as one byte array, not the default list of buffers: a term
        // lookup clones and slices its inputs, and slicing a list of buffers allocates one, which
        // was a tenth of a query's cost on small segments. Same bytes, so the same scores.
        IndexWriter writer =
            new IndexWriter(
                new ByteBuffersDirectory(
                    new SingleInstanceLockFactory(),
                    ByteBuffersDataOutput::new,
                    ByteBuffersDirectory.OUTPUT_AS_BYTE_ARRAY),
                config);
        return new LevelIndex(writer, new ReaderManager(writer));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Adds a document, replacing the one with the same id if there is one. */
    synchronized void put(Term id, Iterable<? extends IndexableField> fields) {
      if (ids.contains(id.text())) {
        // Indexing the same id twice never makes two hits: the old one goes.
        write(writer -> writer.updateDocument(id, fields), true);
      } else {
        write(writer -> writer.addDocument(fields), false);
        ids.add(id.text());
      }
    }

    /** Deletes the document with this id, if there is one. */
    synchronized void delete(Term id) {
      if (ids.contains(id.text())) {
        write(writer -> writer.deleteDocuments(id), true);
        ids.remove(id.text());
      }
    }

    /**
     * Applies one change and merges away deleted documents when the change deletes one: Lucene
     * keeps a deleted (or replaced) document in the term statistics until its segment is merged,
     * and merging at once keeps a removed document from still weighing on anyone's scores. Writes
     * of one index are serialized (put and delete are synchronized), so the check of the ids still
     * holds when the change applies.
     */
    private void write(WriterChange change, boolean deletes) {
      try {
        change.apply(writer);
        if (deletes) {
          writer.forceMergeDeletes(true);
        }
        applied.incrementAndGet();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Refreshes the readers when a write came since the last refresh, so that the next {@code
     * readers.acquire()} shows every write applied before this call (read-your-writes); true when
     * this call refreshed.
     */
    boolean refreshIfBehind() throws IOException {
      long wanted = applied.get();
      if (visible < wanted) {
        synchronized (refreshLock) {
          if (visible < wanted) {
            long shown = applied.get();
            readers.maybeRefreshBlocking();
            visible = shown;
            return true;
          }
        }
      }
      return false;
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
