package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index's snippet anchors (term vectors read at query time) give exactly the snippet that
 * analyzing the body gives, and both give the snippet of the rule as it was first written (counting
 * code points from the start of the body, {@link #referenceSnippet}), for the bodies of {@link
 * SnippetsTest} and for generated ones: inflected words, stop words, punctuation, emoji, lone
 * surrogates, long unbroken words, anchors at the start, middle and end, bodies up to 100,000
 * characters.
 */
class SnippetAnchorsTest {
  private static final CorpusIndex INDEX = new CorpusIndex();
  private static int tenants;

  @AfterAll
  static void closeTheIndex() {
    INDEX.close();
  }

  static Stream<Arguments> bodies() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(named("short body", "Acme Analytics reported revenue.", "revenue"));
    String longLorem = "lorem ipsum dolor sit amet ".repeat(3_704) + "zeppelin " + "x".repeat(100);
    cases.add(named("term near the end of 100,000 chars", longLorem.substring(3_108), "zeppelin"));
    cases.add(
        named(
            "window cut at word boundaries",
            "alpha beta gamma delta ".repeat(40) + "the revenue forecast " + "omega ".repeat(80),
            "forecast"));
    cases.add(
        named(
            "stemmed term",
            "filler ".repeat(100) + "forecasts were revised " + "filler ".repeat(100),
            "forecast"));
    cases.add(
        named("no matching term", "first words of the body " + "more ".repeat(200), "zeppelin"));
    cases.add(named("emoji body", "\uD83D\uDE00".repeat(50_000), "zeppelin"));
    for (int shift = 0; shift < 4; shift++) {
      cases.add(
          named(
              "match among emoji, shift " + shift,
              "a".repeat(shift)
                  + "\uD83D\uDE80".repeat(500)
                  + " zeppelin "
                  + "\uD83C\uDF89x".repeat(500),
              "zeppelin"));
    }
    Random random = new Random(20_261_202L);
    for (int i = 0; i < 300; i++) {
      cases.add(generated(i, random));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void theIndexsAnchorGivesTheSameSnippetAsAnalyzingTheBody(String body, String query) {
    TenantScope tenant = TenantScope.of("t-" + tenants++);
    // The query is the title too, so that the document is a hit whether or not its body matches.
    INDEX.add(tenant, new Document("doc", query, body, Classification.PUBLIC));
    Set<String> terms = INDEX.terms(query);
    List<CorpusIndex.AnchoredHit> hits =
        INDEX.searchWithSnippetAnchors(tenant, Classification.PUBLIC, query, 1);

    String fast = Snippets.snippet(body, hits.getFirst().snippetAnchor());
    String analyzed = Snippets.snippet(body, terms, INDEX.analyzer());
    String reference = referenceSnippet(body, terms, INDEX.analyzer());
    assertAll(
        () -> assertEquals(1, hits.size(), "one hit"),
        () -> assertEquals(reference, analyzed, "analyzing the body gives the rule's snippet"),
        () -> assertEquals(reference, fast, "the index's anchor gives the rule's snippet"));
  }

  @org.junit.jupiter.api.Test
  void anAnchorPastTheEndOfTheBodyGivesTheSnippetOfTheStart() {
    String body = "first words of the body " + "more ".repeat(200);

    assertAll(
        () -> assertEquals(Snippets.snippet(body, -1), Snippets.snippet(body, body.length())),
        () -> assertEquals(Snippets.snippet(body, -1), Snippets.snippet(body, body.length() + 9)));
  }

  private static final String[] WORDS = {
    "forecast", "forecasts", "forecasting", "revenue", "quarterly", "the", "of", "and", "audit",
    "zeppelin", "Acme", "payroll", "merger", "x-ray", "e-mail", "naïve", "日本語", "\uD83D\uDE00",
    "\uD83D\uDE80\uD83D\uDE80", "a", "I", "42", "3.14", "U.S.A.", "don't"
  };
  // No stop words alone: a query needs a searchable term for the document to be a hit at all.
  private static final String[] QUERY_WORDS = {
    "forecast",
    "forecasts",
    "revenue",
    "quarterly",
    "audit",
    "zeppelin",
    "acme",
    "payroll",
    "merger",
    "naïve",
    "日本語",
    "x-ray",
    "the forecasting"
  };
  private static final String[] SEPARATORS = {" ", " ", " ", "  ", "\n", "\t", ", ", ". ", "-", ""};

  /** A random body of 1 to 3,000 words (a few of 100,000 chars) and a query of 1 to 3 words. */
  private static Arguments generated(int n, Random random) {
    StringBuilder body = new StringBuilder();
    int words = n % 50 == 0 ? 20_000 : 1 + random.nextInt(n % 3 == 0 ? 3_000 : 200);
    for (int w = 0; w < words && body.length() < 100_000; w++) {
      int pick = random.nextInt(40);
      if (pick < WORDS.length) {
        body.append(WORDS[pick]);
      } else if (pick < 38) {
        body.append("w").append(random.nextInt(500));
      } else if (pick == 38) {
        body.append("y".repeat(1 + random.nextInt(400))); // a long unbroken word
      } else {
        body.append(random.nextBoolean() ? '\uD83D' : '\uDE00'); // a lone surrogate
      }
      body.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    String text = body.length() > 100_000 ? body.substring(0, 100_000) : body.toString();
    if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
      text = text.substring(0, text.length() - 1) + "z";
    }
    StringBuilder query = new StringBuilder();
    for (int q = 0, terms = 1 + random.nextInt(3); q < terms; q++) {
      query.append(q == 0 ? "" : " ").append(QUERY_WORDS[random.nextInt(QUERY_WORDS.length)]);
    }
    return named("generated " + n + " (" + text.length() + " chars)", text, query.toString());
  }

  private static Arguments named(String name, String body, String query) {
    return Arguments.of(Named.of(name, body), query);
  }

  /**
   * The snippet rule as first written: code points counted from the start of the body, the body
   * analyzed up to the first query term. The oracle for both of today's paths.
   */
  private static String referenceSnippet(String body, Set<String> queryTerms, Analyzer analyzer) {
    int length = body.codePointCount(0, body.length());
    if (length <= Snippets.MAX_CODE_POINTS) {
      return body.strip();
    }
    int anchor = -1;
    try (TokenStream stream = analyzer.tokenStream(CorpusIndex.BODY, body)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (queryTerms.contains(term.toString())) {
          anchor = offset.startOffset();
          break;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int anchorStart = anchor < 0 ? 0 : anchor;
    int anchorCodePoint = anchor < 0 ? 0 : body.codePointCount(0, anchor);
    int startCodePoint = Math.max(0, anchorCodePoint - Snippets.LEAD_CODE_POINTS);
    int endCodePoint = Math.min(length, startCodePoint + Snippets.MAX_CODE_POINTS);
    startCodePoint = Math.max(0, endCodePoint - Snippets.MAX_CODE_POINTS);
    int start = body.offsetByCodePoints(0, startCodePoint);
    int end = body.offsetByCodePoints(start, endCodePoint - startCodePoint);
    if (start > 0 && !Character.isWhitespace(body.charAt(start - 1))) {
      int limit = Math.max(start, Math.min(anchorStart, end));
      for (int i = start; i < limit; i++) {
        if (Character.isWhitespace(body.charAt(i))) {
          start = i + 1;
          break;
        }
      }
    }
    if (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
      int floor = Math.max(start, anchorStart);
      for (int i = end - 1; i > floor; i--) {
        if (Character.isWhitespace(body.charAt(i))) {
          end = i;
          break;
        }
      }
    }
    return body.substring(start, end).strip();
  }
}
