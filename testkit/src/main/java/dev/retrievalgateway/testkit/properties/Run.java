package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.identity.Principal;
import java.util.List;

/** A stateful run: a cast of principals and the steps they take, in order. */
public record Run(List<Principal> cast, List<Step> steps) {
  public Run {
    cast = List.copyOf(cast);
    steps = List.copyOf(steps);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Run[\n");
    for (int i = 0; i < cast.size(); i++) {
      Principal p = cast.get(i);
      sb.append("  #")
          .append(i)
          .append(" = ")
          .append(p.user())
          .append('@')
          .append(p.tenant().name())
          .append(" as ")
          .append(p.role().name())
          .append('\n');
    }
    steps.forEach(s -> sb.append("  ").append(s).append('\n'));
    return sb.append(']').toString();
  }
}
