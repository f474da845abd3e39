package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  @AfterAll
  static void closeAnalyzer() {
    ANALYZER.close();
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** A surrogate without its pair: what the UTF-8 encoder cannot encode, and only that. */
  private static boolean hasLoneSurrogate(String s) {
    return !StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  @Test
  void aShortBodyIsItsOwnSnippet() {
    String body = "Acme Analytics reported revenue.";

    String snippet = Snippets.snippet(body, Set.of("revenu"), ANALYZER);

    assertEquals(body, snippet);
  }

  @Test
  void aHundredThousandCharacterBodyGivesAtMostThreeHundredCharacters() {
    String body = "lorem ipsum dolor sit amet ".repeat(3_704) + "zeppelin " + "x".repeat(100);
    body = body.substring(body.length() - 100_000);

    String snippet = Snippets.snippet(body, Set.of("zeppelin"), ANALYZER);

    assertTrue(codePoints(snippet) <= Snippets.MAX_CODE_POINTS);
    assertTrue(snippet.contains("zeppelin"));
  }

  @Test
  void theSnippetIsAWindowAroundTheFirstQueryTermCutAtWordBoundaries() {
    String body =
        "alpha beta gamma delta ".repeat(40) + "the revenue forecast " + "omega ".repeat(80);

    String snippet = Snippets.snippet(body, Set.of("forecast"), ANALYZER);

    assertTrue(codePoints(snippet) <= Snippets.MAX_CODE_POINTS);
    assertTrue(snippet.contains("revenue forecast"));
    assertTrue(body.contains(snippet));
    assertTrue(snippet.matches("(alpha|beta|gamma|delta) .*"), "starts with a whole word");
    assertTrue(snippet.endsWith("omega"), "ends with a whole word");
  }

  @Test
  void stemmedQueryTermsFindInflectedWordsInTheBody() {
    String body = "filler ".repeat(100) + "forecasts were revised " + "filler ".repeat(100);

    String snippet = Snippets.snippet(body, Set.of("forecast"), ANALYZER);

    assertTrue(snippet.contains("forecasts"));
  }

  @Test
  void withoutAMatchingTermTheSnippetIsTheStartOfTheBody() {
    String body = "first words of the body " + "more ".repeat(200);

    String snippet = Snippets.snippet(body, Set.of("zeppelin"), ANALYZER);

    assertTrue(snippet.startsWith("first words of the body"));
    assertTrue(codePoints(snippet) <= Snippets.MAX_CODE_POINTS);
  }

  @Test
  void neverSplitsASurrogatePairInABodyOfEmoji() {
    String body = "\uD83D\uDE00".repeat(50_000); // 100,000 chars, 50,000 code points

    String snippet = Snippets.snippet(body, Set.of("zeppelin"), ANALYZER);

    assertEquals(Snippets.MAX_CODE_POINTS, codePoints(snippet));
    assertFalse(hasLoneSurrogate(snippet));
  }

  @Test
  void neverSplitsASurrogatePairAroundAMatchAmongEmoji() {
    for (int shift = 0; shift < 4; shift++) {
      String body =
          "a".repeat(shift)
              + "\uD83D\uDE80".repeat(500)
              + " zeppelin "
              + "\uD83C\uDF89x".repeat(500);

      String snippet = Snippets.snippet(body, Set.of("zeppelin"), ANALYZER);

      assertTrue(codePoints(snippet) <= Snippets.MAX_CODE_POINTS);
      assertFalse(hasLoneSurrogate(snippet));
      assertTrue(snippet.contains("zeppelin"));
    }
  }
}
