package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluator the metric-filter policy relies on: it must neither over- nor under-match. */
class CloudWatchJsonFilterTest {

  private static final String DENIED = Repo.resource("service-log-access_denied.jsonl").strip();
  private static final String LINE =
      "{\"event\":\"request\",\"status\":429,\"route\":\"/query\",\"user\":\"u1\","
          + "\"ok\":true,\"gone\":null,\"tags\":[\"a\",\"b\"],\"nested\":{\"k\":\"v\"}}";

  private static boolean matches(String pattern, String line) {
    return CloudWatchJsonFilter.compile(pattern).test(line);
  }

  @Test
  void equalityOnAStringField() {
    assertTrue(matches("{ $.event = \"access_denied\" }", DENIED));
    assertTrue(matches("{$.event=\"access_denied\"}", DENIED));
    assertTrue(matches("{ $.event = access_denied }", DENIED));
    assertFalse(matches("{ $.event = \"access_denied\" }", LINE));
    assertFalse(matches("{ $.event = \"access\" }", DENIED), "equality is whole-value");
    assertFalse(matches("{ $.event = \"ACCESS_DENIED\" }", DENIED), "and case-sensitive");
    assertTrue(matches("{ $.event != \"request\" }", DENIED));
  }

  @Test
  void wildcardsAndNesting() {
    assertTrue(matches("{ $.event = \"access_*\" }", DENIED));
    assertTrue(matches("{ $.route = \"*who*\" }", DENIED));
    assertTrue(matches("{ $.nested.k = \"v\" }", LINE));
    assertTrue(matches("{ $.tags[1] = \"b\" }", LINE));
    assertFalse(matches("{ $.tags[2] = \"b\" }", LINE));
  }

  @Test
  void numbersCompareAsNumbersAndNeverAsText() {
    assertTrue(matches("{ $.status = 429 }", LINE));
    assertTrue(matches("{ $.status >= 400 && $.status < 500 }", LINE));
    assertFalse(matches("{ $.status = \"429\" }", LINE), "a quoted value needs a JSON string");
    assertTrue(matches("{ $.status = \"429\" }", "{\"status\":\"429\"}"));
    assertFalse(
        matches("{ $.status = 429 }", "{\"status\":\"429\"}"), "a number needs a JSON number");
  }

  @Test
  void logicalOperatorsAndParentheses() {
    assertTrue(
        matches("{ $.event = \"access_denied\" && $.reason = \"unauthenticated\" }", DENIED));
    assertFalse(matches("{ $.event = \"access_denied\" && $.reason = \"clearance\" }", DENIED));
    assertTrue(matches("{ $.event = \"x\" || $.reason = \"unauthenticated\" }", DENIED));
    assertTrue(
        matches(
            "{ ($.event = \"x\" || $.event = \"access_denied\") && $.route = \"/whoami\" }",
            DENIED));
    assertFalse(matches("{ $.event = \"x\" || $.event = \"y\" && $.route = \"/whoami\" }", DENIED));
  }

  @Test
  void presenceAndLiterals() {
    assertTrue(matches("{ $.ok IS TRUE }", LINE));
    assertFalse(matches("{ $.ok IS FALSE }", LINE));
    assertTrue(matches("{ $.gone IS NULL }", LINE));
    assertTrue(matches("{ $.missing NOT EXISTS }", LINE));
    assertFalse(matches("{ $.user NOT EXISTS }", LINE));
    assertFalse(matches("{ $.missing != \"x\" }", LINE), "a missing field never matches");
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
        "{ $.event = %acc.*% }", // regular expressions are not supported
        "{ $.event IN [\"a\"] }",
        "{ event = \"x\" }", // a selector starts with $
        "{ $.event = \"x\" ",
        "{ $.event = \"x\" } extra",
        "{ $.event < \"x\" }", // ordering needs a number
        "{ $. = \"x\" }",
        "[w1, w2]" // space-delimited patterns
      })
  void unsupportedOrMalformedPatternsAreRejected(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> CloudWatchJsonFilter.compile(pattern));
  }
}
