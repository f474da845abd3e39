package dev.retrievalgateway.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The snippet of a result: at most {@value #MAX_CODE_POINTS} characters (Unicode code points) of
 * the document's body, never splitting a surrogate pair. The rule:
 *
 * <ol>
 *   <li>A body of at most {@value #MAX_CODE_POINTS} characters is the snippet, whole.
 *   <li>Otherwise the body is analyzed like the index analyzes it, and the first token that is one
 *       of the query's terms is the anchor (so "forecasts" in the body matches a query for
 *       "forecast"); without one, the anchor is the start of the body.
 *   <li>The window starts up to {@value #LEAD_CODE_POINTS} characters before the anchor and is
 *       {@value #MAX_CODE_POINTS} characters long, moved back when it would run past the end.
 *   <li>A window that starts inside a word drops that partial word (up to the first whitespace
 *       before the anchor); one that ends inside a word drops that partial word (back to the last
 *       whitespace after the anchor). Where no such whitespace exists the cut stays where it is.
 *   <li>Leading and trailing whitespace is removed. No ellipsis is added.
 * </ol>
 *
 * <p>Hand-written rather than Lucene's highlighter: the rule is this short, and the highlighter
 * would be a dependency for one method.
 */
final class Snippets {
  static final int MAX_CODE_POINTS = 300;
  static final int LEAD_CODE_POINTS = 60;

  private Snippets() {}

  static String snippet(String body, Set<String> queryTerms, Analyzer analyzer) {
    int length = body.codePointCount(0, body.length());
    if (length <= MAX_CODE_POINTS) {
      return body.strip();
    }
    int anchor = firstTermOffset(body, queryTerms, analyzer); // a char index, or -1
    int anchorStart = anchor < 0 ? 0 : anchor;
    int anchorCodePoint = anchor < 0 ? 0 : body.codePointCount(0, anchor);

    int startCodePoint = Math.max(0, anchorCodePoint - LEAD_CODE_POINTS);
    int endCodePoint = Math.min(length, startCodePoint + MAX_CODE_POINTS);
    startCodePoint = Math.max(0, endCodePoint - MAX_CODE_POINTS);
    int start = body.offsetByCodePoints(0, startCodePoint);
    int end = body.offsetByCodePoints(start, endCodePoint - startCodePoint);

    // Whitespace is in the BMP, so cutting next to it never splits a surrogate pair.
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

  /** The char offset of the first token of the body that is a query term, or -1. */
  private static int firstTermOffset(String body, Set<String> queryTerms, Analyzer analyzer) {
    if (queryTerms.isEmpty()) {
      return -1;
    }
    try (TokenStream stream = analyzer.tokenStream(CorpusIndex.BODY, body)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int found = -1;
      while (stream.incrementToken()) {
        if (queryTerms.contains(term.toString())) {
          found = offset.startOffset();
          break;
        }
      }
      stream.end();
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
