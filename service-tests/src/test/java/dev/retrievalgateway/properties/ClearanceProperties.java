package dev.retrievalgateway.properties;

import static dev.retrievalgateway.testkit.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.testkit.properties.Clearance;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.SearchInvariants;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 2, against the service's classes: nothing above the principal's clearance is returned,
 * read or deleted, and for one tenant and query the set of all matching ids grows with clearance
 * (intern ⊆ analyst ⊆ admin), by exactly the documents the higher clearance adds.
 */
@Tag("claim:clearance")
@Tag("claim:store-memory")
class ClearanceProperties {

  /** One role per classification, lowest first: clearances no configuration need hold. */
  private static final List<Role> ONE_ROLE_PER_CLEARANCE =
      Arrays.stream(Classification.values())
          .map(c -> new Role("reads-" + c.wireName(), c, false))
          .toList();

  @Nested
  class Search {
    @Test
    void noResultIsAboveTheClearance() {
      CorpusOperations.checkOnEveryScenario(
          Invariant.CLEARANCE,
          (s, gateway) -> SearchInvariants.noHitIsAboveTheClearance(s, gateway));
    }

    @Test
    void matchingIdsGrowWithClearanceByExactlyTheNewlyReadableDocuments() {
      CorpusOperations.checkOnEveryScenario(
          Invariant.CLEARANCE,
          (s, gateway) ->
              SearchInvariants.matchingIdsGrowWithClearanceByExactlyTheNewlyReadableDocuments(
                  s, gateway, ONE_ROLE_PER_CLEARANCE));
    }
  }

  @Nested
  class Documents {
    @Test
    void noDocumentAboveTheClearanceIsReadable() {
      CorpusOperations.checkOnEveryScenario(
          Invariant.CLEARANCE,
          (s, gateway) ->
              SearchInvariants.everyReadIsTheOwnDocumentAtOrBelowTheClearance(s, gateway));
    }

    @Test
    void noDocumentAboveTheClearanceIsDeletable() {
      // The corpus's own check, below the access policy (which lets only writers, who read up to
      // restricted, delete at all): written against the class, as no client can reach it.
      PropertyCheck.classLevel(Invariant.CLEARANCE)
          .forAll(
              scenarios(),
              s -> {
                TenantScope tenant = s.principal().tenant();
                try (SearchableCorpus corpus = s.corpus().load()) {
                  for (Corpus.Entry e : aboveClearance(s)) {
                    Optional<Document> held = Optional.of(e.document());

                    SearchableCorpus.DeleteResult result =
                        corpus.remove(tenant, e.docId(), s.clearance());

                    assertEquals(SearchableCorpus.DeleteResult.NOT_FOUND, result);
                    assertEquals(
                        held,
                        corpus.get(tenant, e.docId(), Classification.RESTRICTED),
                        e.docId() + " is gone");
                  }
                }
              });
    }
  }

  /** The principal's own tenant's documents above its clearance. */
  private static List<Corpus.Entry> aboveClearance(
      dev.retrievalgateway.testkit.properties.Scenario s) {
    return s.corpus()
        .filter(
            e ->
                e.tenant().equals(s.tenant())
                    && !Clearance.permits(s.clearance(), e.classification()))
        .entries();
  }
}
