package dev.retrievalgateway.search;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * A query scored document at a time: each segment is searched with its query's {@link Scorer}
 * through {@code ScorerSupplier}'s default bulk scorer, instead of the window bulk scorer a
 * top-level disjunction gets ({@code MaxScoreBulkScorer}). Over a searcher smaller than one window,
 * that scorer is built to score every match ({@code ScoreMode.COMPLETE}: plain postings and a sum
 * of the clauses) rather than Lucene's WAND scorer over impacts, whose bookkeeping to skip
 * documents that cannot make the top hits costs more than scoring a few thousand documents
 * (measured: about 8 % of a demo query's time); larger searchers keep WAND.
 *
 * <p>Why: that bulk scorer allocates its windows (4,096 doubles, a bit set, score buffers: about 86
 * KB) for every segment of every search, sized for segments of millions of documents. This store's
 * segments hold a tenant's documents of one classification, most of them far smaller, so a demo
 * query allocated 258 KB, nearly all of it those windows, and clearing that memory was most of the
 * query's time. Same matches and the same scores: the clauses' scores are summed in double either
 * way and rounded to float once (ScoreBitsTest holds the bits). Lucene has no setting for this
 * choice, hence this small wrapper.
 */
final class DocAtATimeQuery extends Query {
  /** The window of Lucene's {@code MaxScoreBulkScorer} ({@code INNER_WINDOW_SIZE}). */
  static final int WINDOW_DOCS = 1 << 12;

  private final Query query;

  DocAtATimeQuery(Query query) {
    this.query = query;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = query.rewrite(searcher);
    return rewritten == query ? this : new DocAtATimeQuery(rewritten);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    ScoreMode inner =
        scoreMode == ScoreMode.TOP_SCORES && searcher.getIndexReader().maxDoc() < WINDOW_DOCS
            ? ScoreMode.COMPLETE
            : scoreMode;
    return new FilterWeight(this, query.createWeight(searcher, inner, boost)) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        ScorerSupplier supplier = in.scorerSupplier(context);
        if (supplier == null || context.reader().maxDoc() >= WINDOW_DOCS) {
          return supplier;
        }
        // Only get, cost and the top-level hint pass through; bulkScorer() stays ScorerSupplier's
        // default, a loop over get()'s scorer.
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            return supplier.get(leadCost);
          }

          @Override
          public long cost() {
            return supplier.cost();
          }

          @Override
          public void setTopLevelScoringClause() throws IOException {
            supplier.setTopLevelScoringClause();
          }
        };
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    query.visit(visitor);
  }

  @Override
  public String toString(String field) {
    return "DocAtATime(" + query.toString(field) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DocAtATimeQuery o && o.query.equals(query);
  }

  @Override
  public int hashCode() {
    return 31 * query.hashCode() + DocAtATimeQuery.class.hashCode();
  }
}
