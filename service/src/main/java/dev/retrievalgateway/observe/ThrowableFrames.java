package dev.retrievalgateway.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A throwable as class names and stack frames, without any message: library exception messages can
 * carry request input (a token, a query), so they never reach a log.
 */
final class ThrowableFrames {
  private static final int MAX_FRAMES = 60;

  private ThrowableFrames() {}

  static List<String> of(Throwable failure) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = failure;
    boolean first = true;
    while (t != null && seen.add(t) && lines.size() < MAX_FRAMES) {
      if (!first) {
        lines.add("caused by " + t.getClass().getName());
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (lines.size() >= MAX_FRAMES) {
          lines.add("...");
          break;
        }
        lines.add("at " + frame);
      }
      first = false;
      t = t.getCause();
    }
    return lines;
  }

  /** The same, as one text block (for library log events that carry a throwable). */
  static String asText(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getName());
    for (String line : of(failure)) {
      text.append('\n').append(line);
    }
    return text.toString();
  }
}
