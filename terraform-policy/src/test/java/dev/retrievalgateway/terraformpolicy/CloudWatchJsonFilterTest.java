package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluator the metric-filter policies rely on: it must neither over- nor under-match. */
class CloudWatchJsonFilterTest {

  private static final String DENIED = Repo.resource("service-log-access_denied.jsonl").strip();
  private static final String LINE =
      "{\"event\":\"request\",\"status\":429,\"code\":\"429\",\"nested\":{\"k\":\"v\"}}";

  private static boolean matches(String pattern, String line) {
    return CloudWatchJsonFilter.compile(pattern).test(line);
  }

  /** Each row a pattern, the line it is tried on (the service's access_denied line or LINE). */
  @ParameterizedTest(name = "{3}: {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          { $.event = "access_denied" }   | denied | true  | a string field
          {$.event="access_denied"}       | denied | true  | spacing does not matter
          { $.event = "access_denied" }   | line   | false | another event
          { $.event = "access" }          | denied | false | equality is whole-value
          { $.event = "ACCESS_DENIED" }   | denied | false | and case-sensitive
          { $.nested.k = "v" }            | line   | true  | a nested field
          { $.code = "429" }              | line   | true  | a quoted value matches a JSON string
          { $.status = "429" }            | line   | false | a JSON number is not the text 429
          { $.missing = "x" }             | line   | false | an absent field never matches
          { $.nested = "v" }              | line   | false | an object is not a string
          """)
  void matchesAQuotedValueOnlyAsTheWholeJsonString(
      String pattern, String on, boolean matches, String why) {
    assertEquals(matches, matches(pattern, on.equals("denied") ? DENIED : LINE), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[{\"event\":\"access_denied\"}]", "\"access_denied\"", ""})
  void eventsThatAreNotOneJsonObjectNeverMatch(String line) {
    assertFalse(matches("{ $.event = \"access_denied\" }", line));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$.event = \"x\"", // no braces: not a JSON pattern
        "{ $.event = access_denied }", // unquoted: CloudWatch's other rules, not used here
        "{ $.event = \"access_*\" }", // wildcards
        "{ $.status = 429 }", // numbers
        "{ $.event != \"x\" }",
        "{ $.event = \"x\" && $.reason = \"y\" }",
        "{ $.event = %acc.*% }",
        "{ event = \"x\" }", // a selector starts with $
        "{ $. = \"x\" }",
        "{ $.event = \"x\" } extra",
        "[w1, w2]" // space-delimited patterns
      })
  void refusesEveryOtherKindOfPattern(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> CloudWatchJsonFilter.compile(pattern));
  }
}
