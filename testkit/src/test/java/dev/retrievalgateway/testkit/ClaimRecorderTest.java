package dev.retrievalgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

class ClaimRecorderTest {

  @Test
  void recordsEachTestsOwnAndInheritedTagsWithItsOutcome(@TempDir Path dir) throws IOException {
    String report = runFixture(dir, Map.of(ClaimRecorder.RUN, "run-1"));

    assertAll(
        () -> assertTrue(report.contains("\"run\": \"run-1\""), "run id"),
        () ->
            assertEquals(
                "passed [fixture:alpha, fixture:beta]",
                entry(report, "passes"),
                "own and class tag"),
        () -> assertEquals("failed [fixture:alpha]", entry(report, "fails"), "failure"),
        () -> assertEquals("skipped [fixture:alpha]", entry(report, "aborts"), "failed assumption"),
        () ->
            assertEquals(
                "passed [fixture:alpha, fixture:gamma]",
                entry(report, "inheritsFromItsNestedParent"),
                "nested"),
        () ->
            assertEquals(
                "skipped [fixture:alpha, fixture:skipped]",
                entry(report, "neverStarts"),
                "skipped container's test"),
        () -> assertTrue(report.contains("\"reason\": \"no target for this\""), "skip reason"),
        () ->
            assertTrue(
                report.contains("\"reason\": \"Assumption failed: not here\""), "abort reason"),
        () ->
            assertTrue(
                report.contains("\"reason\": \"org.opentest4j.AssertionFailedError\""),
                "a failure names its type, never its message"),
        () -> assertTrue(!report.contains("secret-looking message"), "no failure message"));
  }

  @Test
  void recordsEveryInvocationOfAParameterisedTestWithTheMethodsTags(@TempDir Path dir)
      throws IOException {
    String report = runFixture(dir, Map.of(ClaimRecorder.RUN, "run-2"));

    Matcher invocations =
        Pattern.compile("\"method\": \"eachInput\", \"name\": \"[^\"]*\", \"status\": \"passed\"")
            .matcher(report);
    assertEquals(2, invocations.results().count(), report);
  }

  @Test
  void givesEveryTestOfASuiteTheSuiteClasssTags(@TempDir Path dir) throws IOException {
    String report = runFixture(dir, SuiteFixture.class, Map.of(ClaimRecorder.RUN, "run-3"));

    assertAll(
        () ->
            assertEquals(
                "passed [fixture:alpha, fixture:beta, fixture:target-x]", entry(report, "passes")),
        () ->
            assertEquals(
                "passed [fixture:alpha, fixture:gamma, fixture:target-x]",
                entry(report, "inheritsFromItsNestedParent")));
  }

  @Test
  void writesNothingForARunThatNoGateRunBoundToItself(@TempDir Path dir) throws IOException {
    runFixture(dir, Map.of());

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void quotesControlCharactersQuotesAndBackslashes() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", ClaimRecorder.quote("a\"b\\c\nd\u0001"));
  }

  /** {@code status [tags]} of the one test of the fixture with this method name. */
  private static String entry(String report, String method) {
    Matcher m =
        Pattern.compile(
                "\"method\": \""
                    + method
                    + "\", \"name\": \"[^\"]*\", \"status\": \"(\\w+)\", \"reason\": (?:null|\"[^\"]*\"),"
                    + " \"tags\": \\[([^\\]]*)\\]")
            .matcher(report);
    assertTrue(m.find(), method + " in " + report);
    return m.group(1) + " [" + m.group(2).replace("\"", "") + "]";
  }

  private static String runFixture(Path dir, Map<String, String> parameters) throws IOException {
    return runFixture(dir, Fixture.class, parameters);
  }

  private static String runFixture(Path dir, Class<?> fixture, Map<String, String> parameters)
      throws IOException {
    Map<String, String> all = new java.util.HashMap<>(parameters);
    all.put(ClaimRecorder.DIR, dir.toString());
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameters(all)
            // Only what the request says: no system property may bind this run.
            .enableImplicitConfigurationParameters(false)
            .build();
    // The recorder is also registered through META-INF/services; only this instance must run.
    LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new ClaimRecorder())
                .build())
        .execute(request);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> reports = files.toList();
      return reports.isEmpty() ? "" : Files.readString(reports.getFirst());
    }
  }

  /** The fixture as a suite, as the emulated-Lambda contract runs are: the target is its tag. */
  @Suite
  @SelectClasses(Fixture.class)
  @Tag("fixture:target-x")
  static class SuiteFixture {}

  /** Skips what it is put on, with a reason. */
  static final class NoTarget implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return ConditionEvaluationResult.disabled("no target for this");
    }
  }

  @Tag("fixture:alpha")
  static class Fixture {
    @Test
    @Tag("fixture:beta")
    void passes() {}

    @Test
    void fails() {
      throw new org.opentest4j.AssertionFailedError("secret-looking message");
    }

    @Test
    void aborts() {
      Assumptions.assumeTrue(false, "not here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void eachInput(String input) {}

    @Nested
    @Tag("fixture:gamma")
    class Inner {
      @Test
      void inheritsFromItsNestedParent() {}
    }

    @Nested
    @Tag("fixture:skipped")
    @ExtendWith(NoTarget.class)
    class Skipped {
      @Test
      void neverStarts() {}
    }
  }
}
