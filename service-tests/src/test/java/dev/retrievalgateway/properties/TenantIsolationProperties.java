package dev.retrievalgateway.properties;

import static dev.retrievalgateway.testkit.properties.Generators.documents;
import static dev.retrievalgateway.testkit.properties.Generators.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.testkit.properties.Clearance;
import dev.retrievalgateway.testkit.properties.Corpus;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import dev.retrievalgateway.testkit.properties.Scenario;
import dev.retrievalgateway.testkit.properties.SearchInvariants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Invariant 1, against the service's classes: every search result and every readable or deletable
 * document belongs to the principal's tenant, and no write changes another tenant's documents. Ids
 * collide across tenants on purpose (see {@link Generators#docIds()}).
 */
@Tag("claim:tenant-isolation")
@Tag("claim:store-memory")
class TenantIsolationProperties {

  @Nested
  class Scopes {
    @Test
    void tenantScopesAreEqualExactlyWhenTheirNamesAre() {
      PropertyCheck.classLevel(Invariant.TENANT_ISOLATION)
          .check(
              qt ->
                  qt.forAll(Generators.tenants(), Generators.tenants())
                      .checkAssert(
                          (a, b) -> {
                            TenantScope x = TenantScope.of(a);
                            TenantScope y = TenantScope.of(b);

                            assertEquals(a.equals(b), x.equals(y), a + " vs " + b);
                            assertEquals(a, x.name());
                            assertEquals(a, x.toString());
                            if (x.equals(y)) {
                              assertEquals(x.hashCode(), y.hashCode());
                            }
                          }));
    }
  }

  @Nested
  class Search {
    @Test
    void noResultComesFromAnotherTenant() {
      CorpusOperations.checkOnEveryScenario(
          Invariant.TENANT_ISOLATION,
          (s, gateway) -> SearchInvariants.noHitComesFromAnotherTenant(s, gateway));
    }
  }

  @Nested
  class Reads {
    @Test
    void noReadReturnsAnotherTenantsDocument() {
      CorpusOperations.checkOnEveryScenario(
          Invariant.TENANT_ISOLATION,
          (s, gateway) ->
              SearchInvariants.everyReadIsTheOwnDocumentAtOrBelowTheClearance(s, gateway));
    }
  }

  @Nested
  class Writes {
    @Test
    void noWriteChangesAnotherTenantsDocuments() {
      PropertyCheck.classLevel(Invariant.TENANT_ISOLATION)
          .forAll(
              scenarios().flatMap(s -> writesBy(s).map(w -> new WriteSequence(s, w))),
              sw -> {
                Scenario s = sw.scenario();
                TenantScope own = s.principal().tenant();
                try (SearchableCorpus corpus = s.corpus().load()) {
                  Map<String, List<String>> before = searchesOfOtherTenants(s, corpus);

                  Map<String, Document> ownDocs = new HashMap<>();
                  s.corpus()
                      .filter(e -> e.tenant().equals(s.tenant()))
                      .entries()
                      .forEach(e -> ownDocs.put(e.docId(), e.document()));

                  for (Write w : sw.writes()) {
                    w.apply(corpus, own, s.clearance(), ownDocs);
                  }

                  for (Corpus.Entry e : s.corpus().entries()) {
                    if (!e.tenant().equals(s.tenant())) {
                      assertEquals(
                          Optional.of(e.document()),
                          corpus.get(
                              TenantScope.of(e.tenant()), e.docId(), Classification.RESTRICTED),
                          "another tenant's " + e + " changed");
                    }
                  }
                  assertEquals(before, searchesOfOtherTenants(s, corpus));
                }
              });
    }

    /** Every other tenant's results for a query of all the corpus's words, ids and scores. */
    private Map<String, List<String>> searchesOfOtherTenants(Scenario s, SearchableCorpus corpus) {
      Map<String, List<String>> out = new HashMap<>();
      String everything = String.join(" ", s.corpus().words());
      for (String tenant : s.corpus().tenants()) {
        if (!tenant.equals(s.tenant()) && !everything.isEmpty()) {
          List<String> hits = new ArrayList<>();
          for (SearchableCorpus.Result r :
              corpus.query(TenantScope.of(tenant), Classification.RESTRICTED, everything, 50)) {
            hits.add(r.document().docId() + "=" + Float.floatToRawIntBits(r.score()));
          }
          out.put(tenant, hits);
        }
      }
      return out;
    }
  }

  /**
   * A write by the scenario's principal: an add of a new document, or a delete of any id. {@code
   * own} is what the principal's tenant holds, kept up to date: a delete succeeds exactly when the
   * tenant holds that id at or below the clearance, whatever other tenants hold.
   */
  record Write(Document add, String delete) {
    void apply(
        SearchableCorpus corpus,
        TenantScope tenant,
        Classification clearance,
        Map<String, Document> own) {
      if (add != null) {
        AddResult result = corpus.add(tenant, add);
        assertEquals(own.containsKey(add.docId()) ? AddResult.CONFLICT : AddResult.ADDED, result);
        own.putIfAbsent(add.docId(), add);
      } else {
        Document held = own.get(delete);
        boolean deletable = held != null && Clearance.permits(clearance, held.classification());

        SearchableCorpus.DeleteResult result = corpus.remove(tenant, delete, clearance);

        assertEquals(
            deletable
                ? SearchableCorpus.DeleteResult.DELETED
                : SearchableCorpus.DeleteResult.NOT_FOUND,
            result,
            "delete of " + delete);
        if (deletable) {
          own.remove(delete);
        }
      }
    }

    @Override
    public String toString() {
      return add != null ? "add " + add + " \"" + add.body() + "\"" : "delete " + delete;
    }
  }

  record WriteSequence(Scenario scenario, List<Write> writes) {}

  /** Up to five adds and deletes; deletes name ids of every tenant of the corpus. */
  private static Gen<List<Write>> writesBy(Scenario s) {
    List<String> ids = new ArrayList<>();
    s.corpus().entries().forEach(e -> ids.add(e.docId()));
    Gen<String> deletable = ids.isEmpty() ? Generators.docIds() : Generate.pick(ids);
    Gen<Write> add = documents().map(d -> new Write(d, null));
    Gen<Write> delete = deletable.map(id -> new Write(null, id));
    return lists().of(add.mix(delete, 60)).ofSizeBetween(1, 5);
  }
}
