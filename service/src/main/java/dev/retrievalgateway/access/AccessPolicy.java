package dev.retrievalgateway.access;

/**
 * May they? Reads are allowed at or below the role's clearance; writes only to writer roles.
 * Searches do not ask per document: they open only the indexes the clearance allows (see {@code
 * search}), so this class answers the per-document and per-action questions.
 */
public final class AccessPolicy {

  /** May a principal in {@code role} read a document of {@code classification}? */
  public Decision read(Role role, Classification classification) {
    return classification.isReadableWith(role.clearance())
        ? Decision.allow()
        : Decision.deny(DenialReason.CLEARANCE);
  }

  /** May a principal in {@code role} ingest or delete documents? */
  public Decision write(Role role) {
    return role.writer() ? Decision.allow() : Decision.deny(DenialReason.NOT_WRITER);
  }
}
