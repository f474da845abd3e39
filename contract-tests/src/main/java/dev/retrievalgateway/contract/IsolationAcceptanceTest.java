package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.Classification;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.EveryRoleOfEachTenant;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Isolation and clearance through the API: one canary document per tenant and classification, all
 * holding one word, queried and read by every role of every tenant. A principal sees exactly its
 * own tenant's canaries at or below its clearance; every other one is the same {@code 404} as a
 * document that does not exist (CONTRACT.md, "Roles and clearance" and "404 parity").
 */
@ExtendWith(ContractExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationAcceptanceTest {
  private record Canary(String tenant, Classification classification, String docId) {}

  private final List<Canary> canaries = new ArrayList<>();
  private String word;
  private List<String> tenants;

  @BeforeAll
  void writeOneCanaryPerTenantAndClassification(Api api, Corpus corpus) {
    word = api.target().newWord();
    tenants = List.of(api.target().tenantA(), api.target().tenantB());
    for (String tenant : tenants) {
      Principal admin = api.principal("isolation", tenant, Role.ADMIN);
      for (Classification c : Classification.values()) {
        String docId = api.target().newDocId();
        corpus.add(
            admin,
            docId,
            c,
            "Canary " + c.wireName(),
            "The " + word + " canary, " + c.wireName() + ".");
        canaries.add(new Canary(tenant, c, docId));
      }
    }
  }

  @Tag("claim:tenant-isolation")
  @Tag("claim:clearance")
  @EveryRoleOfEachTenant
  void queriesReturnOnlyTheCallersTenantAtOrBelowItsClearance(String side, Role role, Api api) {
    Principal principal = api.principal("isolation", api.target().tenant(side), role);

    JsonNode results = query(api, principal, word).path("results");

    TreeSet<String> expected = new TreeSet<>();
    canaries.stream()
        .filter(c -> c.tenant().equals(principal.tenant()) && role.reads(c.classification()))
        .forEach(c -> expected.add(c.docId()));
    TreeSet<String> actual = new TreeSet<>();
    for (JsonNode result : results) {
      actual.add(result.path("doc_id").asText());
      assertTrue(
          role.reads(Classification.fromWireName(result.path("classification").asText())),
          "no result above the clearance of " + principal);
    }
    assertEquals(expected, actual, "the canaries " + principal + " may read, and no other");
  }

  @Tag("claim:tenant-isolation")
  @Tag("claim:clearance")
  @EveryRoleOfEachTenant
  void readsSucceedOnlyInTheCallersTenantAtOrBelowItsClearance(String side, Role role, Api api) {
    Principal principal = api.principal("isolation", api.target().tenant(side), role);
    Response missing = api.as(principal).get("/documents/{id}", api.target().newDocId());

    Expect.each(
        canaries,
        canary -> "the " + canary.classification().wireName() + " canary of " + canary.tenant(),
        canary -> {
          Response response = api.as(principal).get("/documents/{id}", canary.docId());

          String what = principal + " reading it";
          if (canary.tenant().equals(principal.tenant()) && role.reads(canary.classification())) {
            assertEquals(200, response.statusCode(), what);
            assertEquals(canary.docId(), Json.tree(response.asByteArray()).path("doc_id").asText());
          } else {
            Expect.sameNotFound(missing, response, what);
          }
        });
  }

  @Test
  @Tag("claim:not-found-parity")
  void answersTheSameNotFoundForMissingOtherTenantsAboveClearanceAndInvalidIds(Api api) {
    Principal intern = api.principal("isolation", api.target().tenantA(), Role.INTERN);
    Canary othersPublic = canary(api.target().tenantB(), Classification.PUBLIC);
    Canary ownRestricted = canary(api.target().tenantA(), Classification.RESTRICTED);

    Response missing = api.as(intern).get("/documents/{id}", api.target().newDocId());
    Response otherTenant = api.as(intern).get("/documents/{id}", othersPublic.docId());
    Response aboveClearance = api.as(intern).get("/documents/{id}", ownRestricted.docId());
    Response invalidId = api.as(intern).get("/documents/{id}", "not~a valid id");
    Response tooLongId = api.as(intern).get("/documents/{id}", "x".repeat(65));

    Expect.error(missing, 404, "not_found");
    Expect.each(
        Map.of(
            "another tenant's document",
            () -> Expect.sameNotFound(missing, otherTenant, "another tenant's document"),
            "a document above the clearance",
            () -> Expect.sameNotFound(missing, aboveClearance, "a document above the clearance"),
            "an invalid id",
            () -> Expect.sameNotFound(missing, invalidId, "an invalid id"),
            "an id of 65 characters",
            () -> Expect.sameNotFound(missing, tooLongId, "an id of 65 characters")));
  }

  @Test
  @Tag("claim:tenant-isolation")
  @Tag("claim:not-found-parity")
  void deletesNothingOutsideTheWritersTenantAndAnswersTheSameNotFound(Api api) {
    Principal adminB = api.principal("isolation", api.target().tenantB(), Role.ADMIN);
    Canary ofA = canary(api.target().tenantA(), Classification.PUBLIC);

    Response missing = api.as(adminB).delete("/documents/{id}", api.target().newDocId());
    Response othersDoc = api.as(adminB).delete("/documents/{id}", ofA.docId());

    Expect.error(missing, 404, "not_found");
    Expect.sameNotFound(missing, othersDoc, "deleting another tenant's document");
    Principal adminA = api.principal("isolation", api.target().tenantA(), Role.ADMIN);
    assertEquals(
        200,
        api.as(adminA).get("/documents/{id}", ofA.docId()).statusCode(),
        "the document is still there");
  }

  @Test
  @Tag("claim:score-isolation")
  void keepsScoresUnchangedWhenUnreadableDocumentsAreAddedOrDeleted(Api api, Corpus corpus) {
    Principal analystA = api.principal("isolation", api.target().tenantA(), Role.ANALYST);
    Principal adminA = api.principal("isolation", api.target().tenantA(), Role.ADMIN);
    Principal adminB = api.principal("isolation", api.target().tenantB(), Role.ADMIN);
    String term = api.target().newWord();
    corpus.add(adminA, Classification.PUBLIC, "Readable", term + " alpha beta gamma");
    corpus.add(adminA, Classification.CONFIDENTIAL, "Readable too", term + " " + term + " delta");
    List<String> before = scores(query(api, analystA, term));

    // Documents the analyst cannot read: above its clearance in its tenant, and in another tenant.
    String restricted =
        corpus.add(adminA, Classification.RESTRICTED, "Hidden", (term + " ").repeat(50));
    String elsewhere =
        corpus.add(adminB, Classification.PUBLIC, "Elsewhere", (term + " ").repeat(50));
    List<String> afterAdding = scores(query(api, analystA, term));
    api.as(adminA).delete("/documents/{id}", restricted).then().statusCode(204);
    api.as(adminB).delete("/documents/{id}", elsewhere).then().statusCode(204);
    List<String> afterDeleting = scores(query(api, analystA, term));

    assertEquals(2, before.size());
    assertEquals(before, afterAdding, "ids, order and scores ignore unreadable documents");
    assertEquals(before, afterDeleting, "and their deletion");
  }

  private Canary canary(String tenant, Classification classification) {
    return canaries.stream()
        .filter(c -> c.tenant().equals(tenant) && c.classification() == classification)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode query(Api api, Principal principal, String text) {
    Response response = api.postJson(principal, "/query", Json.object("query", text, "top_k", 50));
    assertEquals(200, response.statusCode(), "query as " + principal);
    return Json.tree(response.asByteArray());
  }

  /** Ids in result order, each with its score. */
  private static List<String> scores(JsonNode body) {
    List<String> scores = new ArrayList<>();
    body.path("results")
        .forEach(r -> scores.add(r.path("doc_id").asText() + "=" + r.path("score").asText()));
    return scores;
  }
}
