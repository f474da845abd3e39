package dev.retrievalgateway.properties;

import dev.retrievalgateway.access.AccessPolicy;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.Operations;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.Scenario;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * {@link Operations} over the service's classes: the access policy's write decision, then the
 * searchable corpus, as the document and query handlers use them.
 */
public final class CorpusOperations implements Operations, AutoCloseable {
  private final SearchableCorpus corpus;
  private final AccessPolicy policy = new AccessPolicy();

  public CorpusOperations(int quota) {
    this.corpus = SearchableCorpus.inMemory(quota);
  }

  /** Operations over a fresh corpus without a quota, holding {@code generated}. */
  public static CorpusOperations loadedWith(Corpus generated) {
    CorpusOperations gateway = new CorpusOperations(Integer.MAX_VALUE);
    try {
      generated.loadThrough(gateway);
    } catch (RuntimeException | Error e) {
      gateway.close();
      throw e;
    }
    return gateway;
  }

  /**
   * {@code property} of {@code invariant}, for every generated scenario, over its loaded corpus.
   */
  static void checkOnEveryScenario(
      Invariant invariant, BiConsumer<Scenario, CorpusOperations> property) {
    PropertyCheck.classLevel(invariant)
        .forAll(
            Generators.scenarios(),
            s -> {
              try (CorpusOperations gateway = loadedWith(s.corpus())) {
                property.accept(s, gateway);
              }
            });
  }

  @Override
  public WriteOutcome ingest(Principal principal, Document document) {
    if (!policy.write(principal.role()).allowed()) {
      return WriteOutcome.FORBIDDEN;
    }
    return switch (corpus.add(principal.tenant(), document)) {
      case ADDED -> WriteOutcome.CREATED;
      case CONFLICT -> WriteOutcome.CONFLICT;
      case QUOTA_EXCEEDED -> WriteOutcome.QUOTA_EXCEEDED;
      case STORE_FULL -> throw new IllegalStateException("a store without a budget is never full");
    };
  }

  @Override
  public WriteOutcome delete(Principal principal, String docId) {
    if (!policy.write(principal.role()).allowed()) {
      return WriteOutcome.FORBIDDEN;
    }
    return switch (corpus.remove(principal.tenant(), docId, principal.role().clearance())) {
      case DELETED -> WriteOutcome.DELETED;
      case NOT_FOUND -> WriteOutcome.NOT_FOUND;
    };
  }

  @Override
  public Optional<Document> get(Principal principal, String docId) {
    return corpus.get(principal.tenant(), docId, principal.role().clearance());
  }

  @Override
  public List<Hit> query(Principal principal, String text, int topK) {
    return corpus.query(principal.tenant(), principal.role().clearance(), text, topK).stream()
        .map(
            r ->
                new Hit(
                    r.document().docId(),
                    r.document().title(),
                    r.document().classification(),
                    r.score(),
                    r.snippet()))
        .toList();
  }

  @Override
  public void close() {
    corpus.close();
  }
}
