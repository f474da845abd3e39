package dev.retrievalgateway.testkit.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes steps from a failing run, one at a time, while it still fails (greedy delta debugging).
 *
 * <p>Written by hand because QuickTheories shrinks a generated list only by dropping elements from
 * its end, so the smallest failing run it reports still carries every irrelevant step before the
 * one that matters.
 */
public final class RunMinimizer {
  private RunMinimizer() {}

  /** The smallest run, step by step, for which {@code fails} still holds. */
  public static Run minimize(Run run, Predicate<Run> fails) {
    List<Step> steps = new ArrayList<>(run.steps());
    boolean removed = true;
    while (removed) {
      removed = false;
      for (int i = 0; i < steps.size() && steps.size() > 1; i++) {
        List<Step> fewer = new ArrayList<>(steps);
        fewer.remove(i);
        if (fails.test(new Run(run.cast(), fewer))) {
          steps = fewer;
          removed = true;
          i--;
        }
      }
    }
    return new Run(run.cast(), steps);
  }
}
