package dev.retrievalgateway.testkit.properties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The model's idea of "matches": a document matches a query when its title or body shares an
 * analyzed term with the query. The analyzer is the one the index is documented to use (English:
 * lower case, stop words, stemming), taken from Lucene rather than re-implemented.
 */
public final class Terms {
  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  private Terms() {}

  public static Set<String> of(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = ANALYZER.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  /** True when the title or body holds one of the query's terms. */
  public static boolean matches(String query, String title, String body) {
    Set<String> queryTerms = of(query);
    return of(title).stream().anyMatch(queryTerms::contains)
        || of(body).stream().anyMatch(queryTerms::contains);
  }
}
