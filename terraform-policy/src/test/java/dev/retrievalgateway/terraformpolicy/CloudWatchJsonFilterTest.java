package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluator the metric-filter policies rely on: it must neither over- nor under-match. */
class CloudWatchJsonFilterTest {

  private static final String DENIED = Repo.resource("service-log-access_denied.jsonl").strip();
  private static final String LINE =
      "{\"event\":\"request\",\"status\":429,\"code\":\"429\",\"nested\":{\"k\":\"v\"}}";

  private static boolean matches(String pattern, String line) {
    return CloudWatchJsonFilter.compile(pattern).test(line);
  }

  @Test
  void matchesAStringFieldWholeAndCaseSensitive() {
    assertTrue(matches("{ $.event = \"access_denied\" }", DENIED));
    assertTrue(matches("{$.event=\"access_denied\"}", DENIED), "spacing does not matter");
    assertFalse(matches("{ $.event = \"access_denied\" }", LINE));
    assertFalse(matches("{ $.event = \"access\" }", DENIED), "equality is whole-value");
    assertFalse(matches("{ $.event = \"ACCESS_DENIED\" }", DENIED), "and case-sensitive");
    assertTrue(matches("{ $.nested.k = \"v\" }", LINE), "a nested field");
  }

  @Test
  void aQuotedValueNeedsAJsonStringAndAnAbsentFieldNeverMatches() {
    assertTrue(matches("{ $.code = \"429\" }", LINE));
    assertFalse(matches("{ $.status = \"429\" }", LINE), "a JSON number is not the text 429");
    assertFalse(matches("{ $.missing = \"x\" }", LINE));
    assertFalse(matches("{ $.nested = \"v\" }", LINE), "an object is not a string");
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
