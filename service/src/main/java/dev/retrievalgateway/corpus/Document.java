package dev.retrievalgateway.corpus;

import dev.retrievalgateway.access.Classification;
import java.util.Objects;

/**
 * A document of one tenant. The tenant is not a field: it is the scope the document is stored
 * under, so a document can never claim another tenant.
 */
public record Document(String docId, String title, String body, Classification classification) {
  public Document {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(classification, "classification");
  }

  /** Never prints title or body: a document's text must not reach a log by accident. */
  @Override
  public String toString() {
    return "Document[" + docId + ", " + classification.wireName() + "]";
  }
}
