package dev.retrievalgateway.contract;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The client contract suite for a module that starts its own target (the emulated Lambda,
 * LocalStack) and cannot pass it on Maven's command line: a JUnit {@code @Suite} of the package
 * whose {@code @BeforeSuite} starts the target and points the suite at it. Each of the suite's
 * tests is then a test case of that module's run (its own line in Surefire's report and in the
 * release evidence), with the tags its class declares:
 *
 * <pre>{@code
 * @Suite
 * @SelectPackages(ContractSuite.PACKAGE)
 * @IncludeClassNamePatterns(ContractSuite.CLASSES)
 * class EmulatedLambdaJwtModeContractTest {
 *   private static LambdaEmulator lambda;
 *   private static ContractSuite.Target target;
 *
 *   @BeforeSuite
 *   static void start() {
 *     lambda = GatewayLambdas.jwtMode("contract-jwt", issuer).start();
 *     target = ContractSuite.target(Map.of("contract.baseUrl", lambda.frontUri().toString()));
 *   }
 *
 *   @AfterSuite
 *   static void stop() {
 *     target.close();
 *     lambda.close();
 *   }
 * }
 * }</pre>
 *
 * The parameters are the ones {@link dev.retrievalgateway.contract.testsupport.ContractTarget}
 * documents. A module that can set system properties on its own command line runs the package with
 * a plain {@code @Suite} (see {@code ContractSuiteTest} in this module).
 */
public final class ContractSuite {
  /** The package that holds the suite. */
  public static final String PACKAGE = "dev.retrievalgateway.contract";

  /** The suite's classes in {@link #PACKAGE}: every class named {@code *AcceptanceTest}. */
  public static final String CLASSES = ".*AcceptanceTest";

  private ContractSuite() {}

  /**
   * Points the suite at the target the parameters name until the returned {@link Target} is closed:
   * they become system properties, which the suite's JUnit configuration parameters fall back to
   * when it reads them, at the start of its run.
   */
  public static Target target(Map<String, String> parameters) {
    return new Target(parameters);
  }

  /**
   * Runs the whole suite once against the target the parameters name, inside this JVM, and returns
   * its summary: for a test of the suite itself (e.g. against a stub target).
   */
  public static TestExecutionSummary run(Map<String, String> parameters) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectPackage(PACKAGE))
            .filters(includeClassNamePatterns(CLASSES))
            .configurationParameters(parameters)
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    // A run inside a test is that test's tool, not a run of the suite: the listeners registered
    // for the build (the release evidence's ClaimRecorder) must not count its expected failures.
    LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(request, listener);
    return listener.getSummary();
  }

  /**
   * The tests of a {@link #run} that failed, by {@link #name}, each with its failure's message (the
   * suite's messages name statuses, codes and headers, never a body or a token).
   */
  public static Map<String, String> failures(TestExecutionSummary summary) {
    Map<String, String> failures = new TreeMap<>();
    summary
        .getFailures()
        .forEach(
            f ->
                failures.merge(
                    name(f.getTestIdentifier()),
                    String.valueOf(f.getException().getMessage()),
                    (a, b) -> a + "; " + b));
    return failures;
  }

  /** {@code ClassName.method(...)} for a test, or its display name for a class or container. */
  public static String name(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getJavaClass().getSimpleName() + "." + test.getLegacyReportingName())
        .orElse(test.getDisplayName());
  }

  /** The parameters of one target, set as system properties; closing restores what was there. */
  public static final class Target implements AutoCloseable {
    private final Map<String, String> previous = new HashMap<>();

    private Target(Map<String, String> parameters) {
      parameters.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    }

    @Override
    public void close() {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}
