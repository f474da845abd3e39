package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import java.util.List;
import java.util.Optional;

/**
 * What a client can do with the gateway, as the stateful property drives it: implemented over the
 * service's classes and over HTTP, and checked against {@link CorpusModel} the same way.
 */
public interface Operations {

  /** The outcome of a write, as the contract names it. */
  enum WriteOutcome {
    CREATED,
    DELETED,
    FORBIDDEN,
    CONFLICT,
    QUOTA_EXCEEDED,
    NOT_FOUND
  }

  /** One query result, as much of it as every implementation carries. */
  record Hit(
      String docId, String title, Classification classification, float score, String snippet) {}

  WriteOutcome ingest(Principal principal, Document document);

  WriteOutcome delete(Principal principal, String docId);

  Optional<Document> get(Principal principal, String docId);

  List<Hit> query(Principal principal, String text, int topK);
}
