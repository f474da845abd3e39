package dev.retrievalgateway.testkit.properties;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Guidance;
import org.quicktheories.core.Strategy;
import org.quicktheories.impl.Precursor;

/**
 * Runs one property with QuickTheories at a fixed seed and a known number of examples, and records
 * both, with the outcome, in the property report ({@link PropertyReport}).
 *
 * <pre>{@code
 * @Test
 * void noResultComesFromAnotherTenant() {
 *   PropertyCheck.classLevel(Invariant.TENANT_ISOLATION)
 *       .forAll(scenarios(), s -> ...);
 * }
 * }</pre>
 *
 * {@link #forAll} hides QuickTheories' {@code qt.forAll(gen).checkAssert(...)} nesting, for one
 * generator or two; {@link #check} is there for the rare property that needs QuickTheories itself.
 *
 * <p>The property's name is the test method's that runs it (with its class), also when a helper of
 * the test makes the call, and its seed is derived from that name, so every run in CI is the same
 * run. System properties explore further:
 *
 * <ul>
 *   <li>{@value #SEED}: one seed for every property (a failure prints the seed to rerun with);
 *   <li>{@value #EXAMPLES}: examples per class-level property (default {@value #CLASS_EXAMPLES});
 *   <li>{@value #HTTP_EXAMPLES}: examples per HTTP-level property (default per property);
 *   <li>{@value #SHRINKS}: the most shrink attempts after a failure.
 * </ul>
 *
 * A falsified property fails the test with the seed, the number of examples it took, the shrunk
 * counterexample (QuickTheories prints the smallest failing value first) and the cause.
 */
public final class PropertyCheck {
  public static final String SEED = "properties.seed";
  public static final String EXAMPLES = "properties.examples";
  public static final String HTTP_EXAMPLES = "properties.http.examples";
  public static final String SHRINKS = "properties.shrinks";
  static final int CLASS_EXAMPLES = 1000;
  private static final int CLASS_SHRINKS = 1000;
  private static final int HTTP_SHRINKS = 100;
  // QuickTheories' default: tries per value before an assumption counts as exhausted.
  private static final int GENERATE_ATTEMPTS = 10;

  /** Where a property runs: against the service's classes, or over HTTP against a server. */
  public enum Level {
    CLASS,
    HTTP
  }

  private final Invariant invariant;
  private final Level level;
  private final int defaultExamples;

  private PropertyCheck(Invariant invariant, Level level, int defaultExamples) {
    this.invariant = invariant;
    this.level = level;
    this.defaultExamples = defaultExamples;
  }

  /** A property over the service's classes: {@value #CLASS_EXAMPLES} examples unless overridden. */
  public static PropertyCheck classLevel(Invariant invariant) {
    return new PropertyCheck(invariant, Level.CLASS, CLASS_EXAMPLES);
  }

  /** A property over HTTP: {@code examples} unless {@value #HTTP_EXAMPLES} overrides it. */
  public static PropertyCheck httpLevel(Invariant invariant, int examples) {
    return new PropertyCheck(invariant, Level.HTTP, examples);
  }

  /** Checks {@code property} for every value of {@code values}: one property, one generator. */
  public <T> void forAll(Gen<T> values, Consumer<T> property) {
    check(qt -> qt.forAll(values).checkAssert(property));
  }

  /** Checks {@code property} for every pair of values of {@code first} and {@code second}. */
  public <A, B> void forAll(Gen<A> first, Gen<B> second, BiConsumer<A, B> property) {
    check(qt -> qt.forAll(first, second).checkAssert(property));
  }

  /**
   * As {@link #forAll}, over runs of steps: a falsified run is then minimised step by step ({@link
   * RunMinimizer}), and the failure shows the run with every step that does not matter removed.
   */
  public void forAllRuns(Gen<Run> runs, Consumer<Run> property) {
    AtomicReference<Run> lastFailing = new AtomicReference<>();
    try {
      forAll(
          runs,
          run -> {
            try {
              property.accept(run);
            } catch (AssertionError | RuntimeException e) {
              lastFailing.set(run);
              throw e;
            }
          });
    } catch (AssertionError e) {
      if (lastFailing.get() == null) {
        throw e;
      }
      Run minimal = RunMinimizer.minimize(lastFailing.get(), run -> fails(property, run));
      throw new AssertionError(e.getMessage() + "\nThe same with steps removed:\n" + minimal, e);
    }
  }

  private static boolean fails(Consumer<Run> property, Run run) {
    try {
      property.accept(run);
      return false;
    } catch (AssertionError | RuntimeException e) {
      return true;
    }
  }

  /** Runs the property; throws the falsification, with its seed and counterexample. */
  public void check(Consumer<QuickTheory> property) {
    String name = callerName();
    long seed = Long.getLong(SEED, defaultSeed(name));
    int examples = examples();
    int shrinks = Integer.getInteger(SHRINKS, level == Level.CLASS ? CLASS_SHRINKS : HTTP_SHRINKS);
    ExampleCounter counter = new ExampleCounter();
    QuickTheory qt =
        QuickTheory.qt(
            () ->
                new Strategy(
                    Configuration.defaultPRNG(seed),
                    examples,
                    0, // no time limit: the number of examples is the budget
                    shrinks,
                    GENERATE_ATTEMPTS,
                    new ExceptionReporter(),
                    prng -> counter));
    long start = System.nanoTime();
    try {
      property.accept(qt);
    } catch (AssertionError | RuntimeException e) {
      PropertyReport.record(
          new PropertyReport.Entry(
              name, invariant, level, seed, examples, counter.count, "falsified", millis(start)));
      throw new AssertionError(
          "Property "
              + name
              + " (invariant "
              + invariant.number()
              + ": "
              + invariant.statement()
              + ") is falsified at seed "
              + seed
              + ". Rerun: make properties SEED="
              + seed
              + "\n"
              + e.getMessage(),
          e);
    }
    PropertyReport.record(
        new PropertyReport.Entry(
            name, invariant, level, seed, examples, counter.count, "held", millis(start)));
  }

  private int examples() {
    String key = level == Level.CLASS ? EXAMPLES : HTTP_EXAMPLES;
    return Integer.getInteger(key, defaultExamples);
  }

  /** A seed that depends only on the property's name: the same in every run. */
  static long defaultSeed(String name) {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return crc.getValue() + 1; // QuickTheories' PRNG treats 0 as 1
  }

  /**
   * {@code Class.Nested.method} of the test method (a JUnit {@link Testable} one) that called
   * {@link #check}, directly or through a helper such as one that loads each example's corpus; of
   * the first caller outside this class when no test method is on the stack.
   */
  private static String callerName() {
    List<StackWalker.StackFrame> callers =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(
                frames ->
                    frames.filter(f -> f.getDeclaringClass() != PropertyCheck.class).toList());
    StackWalker.StackFrame frame =
        callers.stream().filter(PropertyCheck::isTestMethod).findFirst().orElse(callers.get(0));
    String className = frame.getDeclaringClass().getName();
    String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    return simple + "." + frame.getMethodName();
  }

  private static boolean isTestMethod(StackWalker.StackFrame frame) {
    return Arrays.stream(frame.getDeclaringClass().getDeclaredMethods())
        .anyMatch(
            m ->
                m.getName().equals(frame.getMethodName())
                    && AnnotationSupport.isAnnotated(m, Testable.class));
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * Counts the examples QuickTheories runs (it skips a value it has already tried, so the count can
   * be below the budget); shrinking does not count. Guides nothing.
   */
  private static final class ExampleCounter implements Guidance {
    int count;

    @Override
    public void newExample(Precursor precursor) {
      count++;
    }

    @Override
    public void exampleExecuted() {}

    @Override
    public Collection<long[]> suggestValues(int i, Precursor t) {
      return List.of();
    }

    @Override
    public void exampleComplete() {}
  }
}
