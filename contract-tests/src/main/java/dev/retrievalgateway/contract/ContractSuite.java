package dev.retrievalgateway.contract;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The client contract suite as one call, for a module that starts its own target inside a test (the
 * emulated Lambda, LocalStack) and cannot pass it as a system property:
 *
 * <pre>{@code
 * @Test
 * void holdsTheClientContract() {
 *   try (EmulatedLambda lambda = EmulatedLambda.start(zip)) {
 *     ContractSuite.assertPasses(Map.of("contract.baseUrl", lambda.apiUrl().toString()));
 *   }
 * }
 * }</pre>
 *
 * The parameters are the ones {@link dev.retrievalgateway.contract.testsupport.ContractTarget}
 * documents. A module that can set system properties may instead run the package with a JUnit
 * {@code @Suite} (see {@code ContractSuiteTest} in this module) or Surefire's {@code
 * dependenciesToScan}.
 */
public final class ContractSuite {
  /** The package that holds the suite: every class in it named {@code *AcceptanceTest}. */
  public static final String PACKAGE = "dev.retrievalgateway.contract";

  private ContractSuite() {}

  /** Runs the whole suite against the target the parameters name. */
  public static TestExecutionSummary run(Map<String, String> parameters) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectPackage(PACKAGE))
            .filters(includeClassNamePatterns(".*AcceptanceTest"))
            .configurationParameters(parameters)
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    return listener.getSummary();
  }

  /** {@code ClassName.method(...)} for a test, or its display name for a class or container. */
  public static String name(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getJavaClass().getSimpleName() + "." + test.getLegacyReportingName())
        .orElse(test.getDisplayName());
  }

  /** Runs the suite and fails, naming each failed test, unless every test passed or was skipped. */
  public static void assertPasses(Map<String, String> parameters) {
    TestExecutionSummary summary = run(parameters);
    if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0) {
      String failures =
          summary.getFailures().stream()
              .map(f -> name(f.getTestIdentifier()) + ": " + f.getException())
              .collect(Collectors.joining("\n  "));
      throw new AssertionError(
          "client contract: "
              + summary.getTestsSucceededCount()
              + " passed, "
              + summary.getTotalFailureCount()
              + " failed\n  "
              + failures);
    }
  }
}
