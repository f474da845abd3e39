package dev.retrievalgateway.access;

/**
 * May they act? Writes only to writer roles. Reads need no per-document question: a read is allowed
 * at or below the role's clearance ({@link Classification#isReadableWith}), and searches open only
 * the indexes the clearance allows (see {@code search}), so nothing is filtered after.
 */
public final class AccessPolicy {

  /** May a principal in {@code role} ingest or delete documents? */
  public Decision write(Role role) {
    return role.writer() ? Decision.allow() : Decision.deny(DenialReason.NOT_WRITER);
  }
}
