package dev.retrievalgateway.access;

import java.util.Objects;

/**
 * A configured role: its name, the highest classification it may read, and whether it may write.
 *
 * @param name the role name, exactly as callers present it
 * @param clearance the highest classification readable
 * @param writer whether the role may ingest and delete documents
 */
public record Role(String name, Classification clearance, boolean writer) {
  public Role {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clearance, "clearance");
  }
}
