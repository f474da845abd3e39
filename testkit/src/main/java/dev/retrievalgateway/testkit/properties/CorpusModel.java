package dev.retrievalgateway.testkit.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small model of the gateway: the documents of each tenant, and what each principal may see and
 * do (read at or below its clearance, write only as a writer, a quota per tenant). {@link #check}
 * runs a sequence of steps against an {@link Operations} and compares every answer with the
 * model's, step by step.
 */
public final class CorpusModel {
  private final int quota;
  private final Map<String, Map<String, Document>> tenants = new HashMap<>();

  public CorpusModel(int quota) {
    this.quota = quota;
  }

  /** Runs the steps, checking each answer; the failure names the step and what came before. */
  public void check(List<Principal> cast, List<Step> steps, Operations gateway) {
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Principal who = cast.get(step.who());
      try {
        check(who, step, gateway);
      } catch (AssertionError e) {
        throw new AssertionError(
            "step "
                + (i + 1)
                + " of "
                + steps.size()
                + " ("
                + step
                + ") by "
                + who
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  private void check(Principal who, Step step, Operations gateway) {
    Map<String, Document> own =
        tenants.computeIfAbsent(who.tenant().name(), t -> new LinkedHashMap<>());
    switch (step) {
      case Step.Ingest ingest -> {
        Document doc = ingest.document();
        Operations.WriteOutcome expected;
        if (!who.role().writer()) {
          expected = Operations.WriteOutcome.FORBIDDEN;
        } else if (own.containsKey(doc.docId())) {
          expected = Operations.WriteOutcome.CONFLICT;
        } else if (own.size() >= quota) {
          expected = Operations.WriteOutcome.QUOTA_EXCEEDED;
        } else {
          expected = Operations.WriteOutcome.CREATED;
          own.put(doc.docId(), doc);
        }
        assertEquals(expected, gateway.ingest(who, doc));
      }
      case Step.Delete delete -> {
        Operations.WriteOutcome expected;
        if (!who.role().writer()) {
          expected = Operations.WriteOutcome.FORBIDDEN;
        } else if (readable(who, own.get(delete.docId())).isPresent()) {
          expected = Operations.WriteOutcome.DELETED;
          own.remove(delete.docId());
        } else {
          expected = Operations.WriteOutcome.NOT_FOUND;
        }
        assertEquals(expected, gateway.delete(who, delete.docId()));
      }
      case Step.Get get ->
          assertEquals(readable(who, own.get(get.docId())), gateway.get(who, get.docId()));
      case Step.Query query ->
          checkQuery(who, own, query, gateway.query(who, query.text(), query.topK()));
    }
  }

  private static Optional<Document> readable(Principal who, Document doc) {
    return Optional.ofNullable(doc)
        .filter(d -> Clearance.permits(who.role().clearance(), d.classification()));
  }

  /**
   * Results are the principal's own readable matching documents, as many as asked for or as there
   * are, each once, best score first, ties by id; each snippet is a piece of its body, and holds a
   * query term when the body does.
   */
  private static void checkQuery(
      Principal who, Map<String, Document> own, Step.Query query, List<Operations.Hit> hits) {
    Map<String, Document> matching = new LinkedHashMap<>();
    for (Document d : own.values()) {
      if (readable(who, d).isPresent() && Terms.matches(query.text(), d.title(), d.body())) {
        matching.put(d.docId(), d);
      }
    }
    assertEquals(Math.min(query.topK(), matching.size()), hits.size(), "number of results");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hits.size(); i++) {
      Operations.Hit hit = hits.get(i);
      Document doc = matching.get(hit.docId());
      assertTrue(doc != null, "result " + hit.docId() + " is not a readable match of the tenant");
      assertTrue(seen.add(hit.docId()), "result " + hit.docId() + " twice");
      assertEquals(doc.title(), hit.title());
      assertEquals(doc.classification(), hit.classification());
      assertTrue(
          doc.body().contains(hit.snippet()),
          "snippet of " + hit.docId() + " is not from its body");
      assertTrue(hit.snippet().codePointCount(0, hit.snippet().length()) <= 300, "snippet length");
      if (Terms.matches(query.text(), "", doc.body())) {
        assertTrue(
            Terms.matches(query.text(), "", hit.snippet()),
            "the snippet of " + hit.docId() + " holds none of the query's terms its body holds");
      }
      if (i > 0) {
        Operations.Hit prev = hits.get(i - 1);
        assertTrue(
            prev.score() > hit.score()
                || (prev.score() == hit.score() && prev.docId().compareTo(hit.docId()) < 0),
            "order of " + prev.docId() + " and " + hit.docId());
      }
    }
  }
}
