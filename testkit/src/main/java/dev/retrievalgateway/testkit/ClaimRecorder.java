package dev.retrievalgateway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes every test's tags and outcome to {@code target/claim-reports/claims-*.json}, one file per
 * run of the JUnit Platform, so that the release evidence can say which tests prove which claim
 * ({@code @Tag("claim:tenant-isolation")}): Surefire's XML records neither tags nor, for a suite,
 * the classes that declared them.
 *
 * <p>Registered for every launcher through {@code META-INF/services}, so a module gets it from a
 * test-scoped dependency on this kit and nothing else. It writes only when the run is bound to a
 * gate run, by the configuration parameter or system property {@value #RUN} ({@code make gate}
 * passes it to Maven); other runs (a developer's {@code mvn test}, PIT's own JVMs) write nothing,
 * so that their results can never be mistaken for the gate's.
 *
 * <p>A test's tags are its own and those of every container above it: a method inherits its class's
 * and its {@code @Nested} parents' tags, and every test a {@code @Suite} runs inherits the suite
 * class's (Jupiter stops at the suite boundary, which is why this walks the plan).
 */
public final class ClaimRecorder implements TestExecutionListener {
  /** The gate run this run belongs to; absent: the recorder writes nothing. */
  public static final String RUN = "evidence.run";

  /** Where the reports go (default {@code target/claim-reports}, relative to the module). */
  public static final String DIR = "evidence.claimReports";

  /** The store the run's gateways use, as the store switch names it; absent: the default. */
  public static final String STORE = "gateway.store";

  private static final int MAX_REASON = 300;

  private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
  private TestPlan plan;
  private String run;
  private Instant started;

  private record Outcome(String status, String reason) {}

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    started = Instant.now();
    run = parameter(RUN).orElse(null);
    outcomes.clear();
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier test, String reason) {
    if (run == null) {
      return;
    }
    // A skipped container never starts its tests: each of them is skipped for the same reason.
    List<TestIdentifier> skipped = new ArrayList<>();
    if (test.isTest()) {
      skipped.add(test);
    }
    plan.getDescendants(test).stream().filter(TestIdentifier::isTest).forEach(skipped::add);
    for (TestIdentifier t : skipped) {
      outcomes.putIfAbsent(t.getUniqueId(), new Outcome("skipped", clip(reason)));
    }
  }

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (run == null || !test.isTest()) {
      return;
    }
    String status =
        switch (result.getStatus()) {
          case SUCCESSFUL -> "passed";
          case ABORTED -> "skipped";
          case FAILED -> "failed";
        };
    // An aborted test (a failed assumption) says why in its exception's message; a failure names
    // only its exception type: assertion messages can quote what a test sent or got back.
    String reason =
        result
            .getThrowable()
            .map(
                t ->
                    result.getStatus() == TestExecutionResult.Status.ABORTED
                        ? clip(t.getMessage())
                        : t.getClass().getName())
            .orElse(null);
    outcomes.put(test.getUniqueId(), new Outcome(status, reason));
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    if (run == null) {
      return;
    }
    Instant finished = Instant.now();
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"format\": \"retrieval-gateway/claim-report/v1\",\n");
    field(json, "run", run);
    field(json, "module", Path.of("").toAbsolutePath().getFileName().toString());
    field(json, "store", System.getProperty(STORE));
    field(json, "started", started.toString());
    field(json, "finished", finished.toString());
    field(json, "java", System.getProperty("java.version"));
    json.append("  \"tests\": [");
    String separator = "\n";
    for (TestIdentifier test : tests()) {
      Outcome outcome =
          outcomes.getOrDefault(
              test.getUniqueId(), new Outcome("skipped", "never ran: the run ended first"));
      json.append(separator).append("    {");
      separator = ",\n";
      inline(json, "id", test.getUniqueId());
      Optional<MethodSource> method = methodSource(test);
      inline(json, "class", method.map(MethodSource::getClassName).orElse(className(test)));
      inline(json, "method", method.map(MethodSource::getMethodName).orElse(null));
      inline(json, "name", test.getLegacyReportingName());
      inline(json, "status", outcome.status());
      inline(json, "reason", outcome.reason());
      json.append("\"tags\": [");
      String comma = "";
      for (String tag : tags(test)) {
        json.append(comma).append(quote(tag));
        comma = ", ";
      }
      json.append("]}");
    }
    json.append("\n  ]\n}\n");
    write(json.toString(), finished);
  }

  private List<TestIdentifier> tests() {
    List<TestIdentifier> tests = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      plan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(tests::add);
    }
    return tests;
  }

  private TreeSet<String> tags(TestIdentifier test) {
    TreeSet<String> tags = new TreeSet<>();
    for (Optional<TestIdentifier> node = Optional.of(test);
        node.isPresent();
        node = plan.getParent(node.get())) {
      node.get().getTags().stream().map(TestTag::getName).forEach(tags::add);
      node.get()
          .getSource()
          .filter(ClassSource.class::isInstance)
          .map(ClassSource.class::cast)
          .ifPresent(source -> tags.addAll(declaredTags(source)));
    }
    return tags;
  }

  /**
   * The {@code @Tag}s a class declares, read from the annotations themselves: the suite engine
   * reports none for a {@code @Suite} class. Matched by name so that the kit needs no Jupiter API.
   */
  private static List<String> declaredTags(ClassSource source) {
    List<String> tags = new ArrayList<>();
    Class<?> type;
    try {
      type = source.getJavaClass();
    } catch (RuntimeException e) {
      return tags;
    }
    for (Annotation annotation : type.getAnnotations()) {
      String name = annotation.annotationType().getName();
      if (name.equals("org.junit.jupiter.api.Tag")) {
        tags.add(String.valueOf(attribute(annotation)));
      } else if (name.equals("org.junit.jupiter.api.Tags")) {
        for (Object tag : (Object[]) attribute(annotation)) {
          tags.add(String.valueOf(attribute((Annotation) tag)));
        }
      }
    }
    return tags;
  }

  private static Object attribute(Annotation annotation) {
    try {
      return annotation.annotationType().getMethod("value").invoke(annotation);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unreadable " + annotation.annotationType().getName(), e);
    }
  }

  /** The method a test runs, or for a dynamic or parameterised test the one that made it. */
  private Optional<MethodSource> methodSource(TestIdentifier test) {
    for (Optional<TestIdentifier> node = Optional.of(test);
        node.isPresent();
        node = plan.getParent(node.get())) {
      Optional<MethodSource> source =
          node.get()
              .getSource()
              .filter(MethodSource.class::isInstance)
              .map(MethodSource.class::cast);
      if (source.isPresent()) {
        return source;
      }
    }
    return Optional.empty();
  }

  private String className(TestIdentifier test) {
    for (Optional<TestIdentifier> node = Optional.of(test);
        node.isPresent();
        node = plan.getParent(node.get())) {
      Optional<String> name =
          node.get()
              .getSource()
              .filter(ClassSource.class::isInstance)
              .map(s -> ((ClassSource) s).getClassName());
      if (name.isPresent()) {
        return name.get();
      }
    }
    return null;
  }

  private Optional<String> parameter(String key) {
    Optional<String> value = plan.getConfigurationParameters().get(key);
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  private void write(String json, Instant finished) {
    Path dir = Path.of(parameter(DIR).orElse("target/claim-reports"));
    String name =
        "claims-" + finished.toEpochMilli() + "-" + ProcessHandle.current().pid() + ".json";
    try {
      Files.createDirectories(dir);
      // Written whole, then moved, so that a reader never sees half a report.
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the claim report in " + dir, e);
    }
  }

  private static String clip(String reason) {
    if (reason == null) {
      return null;
    }
    String line = reason.strip().lines().findFirst().orElse("");
    return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) : line;
  }

  private static void field(StringBuilder json, String key, String value) {
    json.append("  ").append(quote(key)).append(": ").append(quote(value)).append(",\n");
  }

  private static void inline(StringBuilder json, String key, String value) {
    json.append(quote(key)).append(": ").append(quote(value)).append(", ");
  }

  /**
   * A JSON string. Written by hand rather than with Jackson so that the kit adds no library to the
   * test class path of the modules it is added to (several pin their own Jackson through Helidon).
   */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
