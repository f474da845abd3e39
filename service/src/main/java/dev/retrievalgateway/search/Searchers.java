package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.IOSupplier;

/**
 * The searcher of each (tenant, clearance) over the readers it last searched, and the weights of
 * the terms searched with it, kept while those readers are the current ones.
 *
 * <p>Why: on a corpus of a few thousand documents, a query spent a fifth of its CPU looking up each
 * (field, term) in each segment's term dictionary ({@code TermStates.build}), and more building the
 * union reader and searcher it searched, every time, for readers that change only when the tenant
 * writes. Then building each term's BM25 weight (its idf {@code Explanation}, a cache of 256
 * floats) was 15 to 22 % of what a search allocated. A term's weight holds its {@link TermStates}
 * (each segment's position of the term, and the statistics BM25 sums over the readers) and its
 * scorer of those statistics, so a query that reuses it finds the same postings and computes the
 * same score bits; a weight is only valid for the searcher it was built on, which is why it is kept
 * with it and used only for it. Lucene's own caches do not serve here: its query cache keeps
 * matching documents, not weights, and only for segments far larger than these.
 *
 * <p>Nothing here widens what a search reads: the caller chooses the readers by clearance, acquires
 * them, and a kept searcher is used only when its readers are exactly (by identity) the ones the
 * caller acquired, so it is never stale and its readers are open while it is used. A tenant's
 * searchers are forgotten when any of its indexes refreshes; a searcher kept by a search that raced
 * with a refresh is replaced by the next search of its clearance. Memory is bounded: at most
 * {@value #MAX_SEARCHERS} searchers of {@value #MAX_TERMS} terms each, about 2 KB a term (measured
 * on three segments), so about 32 MB in all; past that, all are dropped and rebuilt on demand.
 * Thread-safe: a kept weight is only read, as Lucene's concurrent search reads one weight from
 * every slice.
 */
final class Searchers {
  static final int MAX_SEARCHERS = 512;
  static final int MAX_TERMS = 32;

  private record Key(TenantScope tenant, Classification clearance) {}

  private final ConcurrentMap<Key, Searcher> kept = new ConcurrentHashMap<>();

  /**
   * A searcher over exactly these readers (acquired by the caller, released by it after the
   * search): the kept one when it is over the same readers, else a new one, then kept.
   */
  Searcher over(TenantScope tenant, Classification clearance, List<DirectoryReader> readers) {
    Key key = new Key(tenant, clearance);
    Searcher searcher = kept.get(key);
    if (searcher != null && searcher.isOver(readers)) {
      return searcher;
    }
    searcher = Searcher.over(readers);
    if (kept.size() >= MAX_SEARCHERS) {
      kept.clear();
    }
    kept.put(key, searcher);
    return searcher;
  }

  /** Forgets the tenant's searchers: one of its indexes refreshed, so their readers are old. */
  void forget(TenantScope tenant) {
    for (Classification clearance : Classification.values()) {
      kept.remove(new Key(tenant, clearance));
    }
  }

  void clear() {
    kept.clear();
  }

  /** A searcher over a list of readers, and the term weights built for it. */
  static final class Searcher {
    private final List<DirectoryReader> readers;
    private final IndexSearcher searcher;
    private final ConcurrentMap<WeightKey, Weight> weights = new ConcurrentHashMap<>();

    private Searcher(List<DirectoryReader> readers, IndexSearcher searcher) {
      this.readers = readers;
      this.searcher = searcher;
    }

    static Searcher over(List<DirectoryReader> readers) {
      try {
        // closeSubReaders=false: the readers belong to their ReaderManagers; this union only reads
        // them, and a searcher is used only while its caller holds them.
        IndexSearcher searcher =
            new IndexSearcher(new MultiReader(readers.toArray(new IndexReader[0]), false));
        searcher.setQueryCache(null);
        return new Searcher(List.copyOf(readers), searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    IndexSearcher searcher() {
      return searcher;
    }

    boolean isOver(List<DirectoryReader> current) {
      if (current.size() != readers.size()) {
        return false;
      }
      for (int i = 0; i < readers.size(); i++) {
        if (current.get(i) != readers.get(i)) {
          return false;
        }
      }
      return true;
    }

    /**
     * A query for the term whose weight over this searcher, at boost 1, is built once for each
     * score mode, then kept (up to {@value #MAX_TERMS} of them). Over any other searcher, or
     * boosted, it builds its own as a {@link TermQuery} would; the score mode is part of the key
     * because a weight that needs no scores is built from placeholder statistics.
     */
    TermQuery termQuery(Term term) {
      return new KeptTermQuery(term, this);
    }

    private Weight weight(KeptTermQuery query, ScoreMode scoreMode) throws IOException {
      WeightKey key = new WeightKey(query.getTerm(), scoreMode);
      Weight weight = weights.get(key);
      if (weight != null) {
        return weight;
      }
      TermStates states = TermStates.build(searcher, query.getTerm(), true);
      // TermStates.get fills the slot of a segment without the term on its first call, a write
      // into an array that concurrent searches would share: every slot is filled here, before the
      // states are published, so that later calls only read.
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        IOSupplier<?> state = states.get(leaf);
        if (state != null) {
          state.get();
        }
      }
      weight = new TermQuery(query.getTerm(), states).createWeight(searcher, scoreMode, 1f);
      if (weights.size() < MAX_TERMS) {
        weights.putIfAbsent(key, weight);
      }
      return weight;
    }
  }

  private record WeightKey(Term term, ScoreMode scoreMode) {}

  /** A term query that takes its weight from the searcher it was made for. */
  private static final class KeptTermQuery extends TermQuery {
    private final Searcher owner;

    KeptTermQuery(Term term, Searcher owner) {
      super(term);
      this.owner = owner;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
        throws IOException {
      if (searcher != owner.searcher || boost != 1f) {
        return super.createWeight(searcher, scoreMode, boost);
      }
      return owner.weight(this, scoreMode);
    }
  }
}
