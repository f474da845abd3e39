package dev.retrievalgateway.testkit.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tenant isolation and clearance invariants of search and reads, each written once against the
 * {@link Operations} seam and run at both levels: over the service's classes ({@code
 * CorpusOperations}, the class-level properties of service-tests) and over HTTP (the HTTP-level
 * properties of property-tests). The scenario's corpus is already loaded into {@code gateway}.
 *
 * <pre>{@code
 * PropertyCheck.classLevel(Invariant.CLEARANCE)
 *     .forAll(scenarios(), s -> {
 *       try (CorpusOperations gateway = CorpusOperations.loadedWith(s.corpus())) {
 *         SearchInvariants.noHitIsAboveTheClearance(s, gateway);
 *       }
 *     });
 * }</pre>
 */
public final class SearchInvariants {
  private SearchInvariants() {}

  /** Every hit is a document of the principal's own tenant, exactly as the tenant holds it. */
  public static void noHitComesFromAnotherTenant(Scenario s, Operations gateway) {
    for (Operations.Hit hit : gateway.query(s.principal(), s.query(), s.topK())) {
      Document own =
          s.corpus()
              .get(s.tenant(), hit.docId())
              .orElseThrow(() -> new AssertionError(hit.docId() + " is not the tenant's own"));
      assertEquals(own.title(), hit.title(), hit.docId() + ": the title of the tenant's own");
      assertEquals(own.classification(), hit.classification(), hit.docId() + ": classification");
      assertEquals(
          Optional.of(own),
          gateway.get(s.principal(), hit.docId()),
          hit.docId() + " read back is the tenant's own document");
    }
  }

  /** No hit is above the principal's clearance. */
  public static void noHitIsAboveTheClearance(Scenario s, Operations gateway) {
    for (Operations.Hit hit : gateway.query(s.principal(), s.query(), s.topK())) {
      assertTrue(
          Clearance.permits(s.clearance(), hit.classification()),
          hit.docId() + " is above " + s.clearance());
    }
  }

  /**
   * For one tenant and query, the ids that match for each role are exactly the ones that match for
   * the highest role at or below that role's clearance: matches grow with clearance (intern ⊆
   * analyst ⊆ admin) by exactly the documents the higher clearance adds. {@code rolesByClearance}
   * ends with a role that reads {@code restricted}.
   */
  public static void matchingIdsGrowWithClearanceByExactlyTheNewlyReadableDocuments(
      Scenario s, Operations gateway, List<Role> rolesByClearance) {
    int all = s.corpus().size() + 1; // every match, not a top_k
    Map<Role, Set<String>> matching = new LinkedHashMap<>();
    for (Role role : rolesByClearance) {
      Principal p =
          new Principal(s.principal().issuer(), s.principal().user(), s.principal().tenant(), role);
      Set<String> ids = new TreeSet<>();
      gateway.query(p, s.query(), Math.min(all, 50)).forEach(hit -> ids.add(hit.docId()));
      matching.put(role, ids);
    }

    Set<String> everything = matching.get(rolesByClearance.get(rolesByClearance.size() - 1));
    for (Role role : rolesByClearance) {
      Set<String> expected = new TreeSet<>();
      for (String id : everything) {
        Document own =
            s.corpus()
                .get(s.tenant(), id)
                .orElseThrow(() -> new AssertionError(id + " is not the tenant's own"));
        if (Clearance.permits(role.clearance(), own.classification())) {
          expected.add(id);
        }
      }
      assertEquals(expected, matching.get(role), "matching ids for " + role.name());
    }
  }

  /**
   * A read of any id the corpus holds, in any tenant, returns exactly the principal's own tenant's
   * document of that id when it is at or below the clearance, and nothing otherwise.
   */
  public static void everyReadIsTheOwnDocumentAtOrBelowTheClearance(
      Scenario s, Operations gateway) {
    for (Corpus.Entry e : s.corpus().entries()) {

      Optional<Document> read = gateway.get(s.principal(), e.docId());

      Optional<Document> expected =
          s.corpus()
              .get(s.tenant(), e.docId())
              .filter(d -> Clearance.permits(s.clearance(), d.classification()));
      assertEquals(expected, read, "read of " + e.docId());
    }
  }
}
