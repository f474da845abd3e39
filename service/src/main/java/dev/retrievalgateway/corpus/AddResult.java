package dev.retrievalgateway.corpus;

/** The outcome of adding a document to a tenant's corpus. */
public enum AddResult {
  /** The document was stored. */
  ADDED,
  /** A document with the same id already exists in the tenant; nothing changed. */
  CONFLICT,
  /** The tenant already holds its maximum number of documents; nothing changed. */
  QUOTA_EXCEEDED,
  /**
   * The store as a whole is at its memory budget (documents, bytes or tenants of all tenants
   * together); nothing changed.
   */
  STORE_FULL
}
