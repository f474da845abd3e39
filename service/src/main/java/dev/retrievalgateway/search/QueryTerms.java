package dev.retrievalgateway.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.search.IndexSearcher;

/**
 * The one rule that turns a query's text into the terms both stores search for: the distinct terms
 * the index analyzer (English) makes of it, in order of first appearance, at most {@link
 * #MAX_QUERY_TERMS}. Each term becomes an optional term clause on the title and one on the body.
 */
final class QueryTerms {
  /**
   * At most this many distinct query terms are used (two clauses each), well under Lucene's and
   * OpenSearch's default limit of 1024 clauses; the rest of a long query is ignored.
   */
  static final int MAX_QUERY_TERMS = 256;

  private QueryTerms() {}

  static Set<String> of(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = analyzer.tokenStream(CorpusIndex.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (terms.size() < maxQueryTerms() && stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableSet(terms);
  }

  private static int maxQueryTerms() {
    return Math.min(MAX_QUERY_TERMS, IndexSearcher.getMaxClauseCount() / 2);
  }
}
