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

  /**
   * The snippet of any body, found by analyzing the body up to the first query term: its cost grows
   * with the distance of that term from the start (the whole body when no term occurs). For bodies
   * that are not in a {@link CorpusIndex}, e.g. fetched from another store.
   */
  static String snippet(String body, Set<String> queryTerms, Analyzer analyzer) {
    if (isWhole(body)) {
      return body.strip();
    }
    return snippet(body, firstTermOffset(body, queryTerms, analyzer));
  }

  /**
   * The same snippet, from the anchor the index recorded at write time ({@link
   * CorpusIndex#firstTermOffset}): the char offset of the body's first token that is a query term,
   * or -1 when none is. Costs a window's worth of work whatever the body's length.
   */
  static String snippet(String body, int anchor) {
    if (isWhole(body)) {
      return body.strip();
    }
    // The window is found by walking from the anchor, never by counting from the start of the
    // body: the cost is a window's length whatever the body's length or the anchor's position.
    // An anchor past the end can only come from another version of the body (a document removed
    // and written again while a query ran): the start of the body is then the safe anchor.
    int anchorStart = anchor < 0 || anchor >= body.length() ? 0 : anchor;
    int start = backByCodePoints(body, anchorStart, LEAD_CODE_POINTS);
    int end = forwardByCodePoints(body, start, MAX_CODE_POINTS);
    if (end == body.length()) {
      // The window would run past the end: it is moved back (the body is longer than a window).
      start = backByCodePoints(body, end, MAX_CODE_POINTS);
    }

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

  /** The index {@code n} code points before {@code index}, or 0 when there are fewer. */
  private static int backByCodePoints(String s, int index, int n) {
    int i = index;
    for (int k = 0; k < n && i > 0; k++) {
      i--;
      if (i > 0
          && Character.isLowSurrogate(s.charAt(i))
          && Character.isHighSurrogate(s.charAt(i - 1))) {
        i--;
      }
    }
    return i;
  }

  /** The index {@code n} code points after {@code index}, or the length when there are fewer. */
  private static int forwardByCodePoints(String s, int index, int n) {
    int i = index;
    for (int k = 0; k < n && i < s.length(); k++) {
      i +=
          Character.isHighSurrogate(s.charAt(i))
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1))
              ? 2
              : 1;
    }
    return i;
  }

  /** Whether the body is short enough to be its own snippet (rule 1). */
  static boolean isWhole(String body) {
    // A char is at most one code point: a body of at most MAX_CODE_POINTS chars needs no count.
    return body.length() <= MAX_CODE_POINTS
        || body.codePointCount(0, body.length()) <= MAX_CODE_POINTS;
  }

  /** The char offset of the first token of the body that is a query term, or -1. */
  static int firstTermOffset(String body, Set<String> queryTerms, Analyzer analyzer) {
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
