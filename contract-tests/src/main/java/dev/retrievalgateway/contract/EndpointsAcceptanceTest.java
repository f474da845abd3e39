package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.Classification;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.EveryRoleOfEachTenant;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.OpenApiCheck;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint's success shape (CONTRACT.md, "Endpoints"). */
@ExtendWith(ContractExtension.class)
@Tag("claim:endpoints")
class EndpointsAcceptanceTest {
  private static final Set<String> PATHS =
      Set.of("/health", "/openapi", "/whoami", "/query", "/documents", "/documents/{doc_id}");

  @Test
  void answersHealthWithStatusAndVersionToAnyone(Api api) {
    Response response = api.anonymous().get("/health");

    assertEquals(200, response.statusCode());
    JsonNode body = Json.tree(response.asByteArray());
    assertEquals("ok", body.path("status").asText());
    assertFalse(body.path("version").asText().isBlank(), "version is set");
    assertEquals(2, body.size(), "health says nothing but status and version");
    Expect.commonHeaders(response);
  }

  /**
   * The one check of the served document: it is the project's own (the suite checks every response
   * against the project's document whatever the target serves, see {@link OpenApiCheck}). {@code
   * servers} may differ: a deployment names its own URL.
   */
  @Test
  void servesTheProjectsOpenApiDocumentAsYamlByDefault(Api api) throws IOException {
    JsonNode project = new YAMLMapper().readTree(OpenApiCheck.projectDocument());

    Response response = api.anonymous().get("/openapi");

    assertEquals(200, response.statusCode());
    assertTrue(response.contentType().startsWith("application/yaml"), "YAML by default");
    JsonNode served = new YAMLMapper().readTree(response.asByteArray());
    List<String> differences = differences("", withoutServers(project), withoutServers(served));
    assertTrue(
        differences.isEmpty(),
        "the served document is the project's apart from servers; it differs at " + differences);
    assertEquals(PATHS, names(served.path("paths")), "the document has exactly the routes served");
    Expect.commonHeaders(response);
  }

  @Test
  void servesTheSameOpenApiDocumentAsJsonWhenAskedFor(Api api) throws IOException {
    JsonNode yaml = new YAMLMapper().readTree(api.anonymous().get("/openapi").asByteArray());

    Response response = api.anonymous().accept("application/json").get("/openapi");

    assertEquals(200, response.statusCode());
    assertTrue(response.contentType().startsWith("application/json"), "JSON when asked for");
    assertEquals(yaml, Json.tree(response.asByteArray()), "the same document in both forms");
  }

  @EveryRoleOfEachTenant
  void describesThePrincipalOfEachRoleInEachTenant(String side, Role role, Api api) {
    String tenant = api.target().tenant(side);
    Principal principal = api.principal("endpoints", tenant, role);

    Response response = api.as(principal).get("/whoami");

    assertEquals(200, response.statusCode(), "whoami as " + principal);
    JsonNode body = Json.tree(response.asByteArray());
    assertEquals(principal.user(), body.path("user").asText());
    assertEquals(tenant, body.path("tenant").asText());
    assertEquals(role.wireName(), body.path("role").asText());
    assertEquals(role.clearance().wireName(), body.path("clearance").asText());
    assertEquals(api.target().mode().wireName(), body.path("auth_mode").asText());
  }

  @Test
  void ingestsADocumentAnswering201WithARelativeLocation(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);
    String docId = api.target().newDocId();

    Response response =
        corpus.write(admin, docId, Classification.INTERNAL, "Runbook", "Restart it.");

    assertEquals(201, response.statusCode());
    assertEquals("/documents/" + docId, response.header("Location"), "Location is relative");
    assertEquals(docId, Json.tree(response.asByteArray()).path("doc_id").asText());
    assertEquals(
        200, api.as(admin).get(response.header("Location")).statusCode(), "Location resolves");
  }

  @Test
  void assignsAnIdWhenTheIngestNamesNone(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);

    Response response =
        api.postJson(
            admin,
            "/documents",
            Json.object(
                "title", "No id", "body", "Assigned by the gateway.", "classification", "public"));
    String docId = Json.tree(response.asByteArray()).path("doc_id").asText();
    corpus.track(admin, docId);

    assertEquals(201, response.statusCode());
    assertTrue(docId.matches("[A-Za-z0-9._-]{1,64}"), "the assigned id is a valid id");
    assertEquals("/documents/" + docId, response.header("Location"));
  }

  @Test
  void returnsADocumentExactlyAsWritten(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);
    // No trimming and no Unicode normalisation: a precomposed and a decomposed "é", an astral
    // character and surrounding spaces come back as they went in.
    String title = " Caf\u00e9 cafe\u0301 \uD835\uDD38 ";
    String body = "  Line one\nline two\t\u00e9e\u0301 \uD83D\uDE00  ";
    String docId = corpus.add(admin, Classification.CONFIDENTIAL, title, body);

    Response response = api.as(admin).get("/documents/{id}", docId);

    assertEquals(200, response.statusCode());
    JsonNode doc = Json.tree(response.asByteArray());
    assertEquals(docId, doc.path("doc_id").asText());
    assertTrue(title.equals(doc.path("title").asText()), "title round-trips exactly");
    assertTrue(body.equals(doc.path("body").asText()), "body round-trips exactly");
    assertEquals("confidential", doc.path("classification").asText());
    Expect.commonHeaders(response);
  }

  @Test
  void deletesADocumentAnswering204AndThenNotFound(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);
    String docId = corpus.add(admin, Classification.PUBLIC, "Short-lived", "Deleted soon.");

    Response deleted = api.as(admin).delete("/documents/{id}", docId);

    assertEquals(204, deleted.statusCode());
    assertEquals(0, deleted.asByteArray().length, "a 204 has no body");
    Expect.commonHeaders(deleted);
    Expect.error(api.as(admin).get("/documents/{id}", docId), 404, "not_found");
    Expect.error(api.as(admin).delete("/documents/{id}", docId), 404, "not_found");
  }

  @Test
  void answersAQueryWithResultsBestFirst(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);
    String word = api.target().newWord();
    corpus.add(
        admin, Classification.PUBLIC, "Once", word + " appears once here among other words.");
    corpus.add(admin, Classification.INTERNAL, "Twice " + word, word + " " + word + " twice.");
    corpus.add(admin, Classification.PUBLIC, "Long", word + " " + "filler text ".repeat(400));
    Principal intern = api.principal("endpoints", api.target().tenantA(), Role.INTERN);

    Response response = api.postJson(intern, "/query", Json.object("query", word, "top_k", 10));

    assertEquals(200, response.statusCode());
    JsonNode body = Json.tree(response.asByteArray());
    JsonNode results = body.path("results");
    assertEquals(3, results.size(), "every matching document the principal may read");
    assertEquals(results.size(), body.path("count").asInt(), "count is the number of results");
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode result : results) {
      double score = result.path("score").asDouble();
      assertTrue(score <= previous, "best score first");
      previous = score;
      String snippet = result.path("snippet").asText();
      assertTrue(
          snippet.codePointCount(0, snippet.length()) <= 300, "snippet at most 300 characters");
    }
  }

  @Test
  void returnsAtMostFiveResultsWhenTopKIsNotGiven(Api api, Corpus corpus) {
    Principal admin = api.principal("endpoints", api.target().tenantB(), Role.ADMIN);
    String word = api.target().newWord();
    for (int i = 0; i < 7; i++) {
      corpus.add(admin, Classification.PUBLIC, "Doc " + i, word + " number " + i);
    }

    Response response = api.postJson(admin, "/query", Json.object("query", word));

    assertEquals(200, response.statusCode());
    assertEquals(5, Json.tree(response.asByteArray()).path("count").asInt(), "top_k defaults to 5");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*?~^:()[]{}!\"/\\+-&|",
        "title:* OR body:*",
        "*:*",
        "a~2 AND NOT b^10",
        "/.*/",
        "title:revenue AND (forecast OR \"x\")~2 * ? -a +b [c TO d] \\"
      })
  void treatsQueryOperatorsAndSyntaxAsPlainText(String query, Api api) {
    Principal intern = api.principal("endpoints", api.target().tenantA(), Role.INTERN);

    Response response = api.postJson(intern, "/query", Json.object("query", query));

    assertEquals(200, response.statusCode(), "a query with syntax characters is text");
  }

  @Test
  void answersAQueryWithNoSearchableTermWithNoResults(Api api) {
    Principal intern = api.principal("endpoints", api.target().tenantA(), Role.INTERN);

    Response onlySyntax =
        api.postJson(intern, "/query", Json.object("query", "*?~^:()[]{}!\"/\\+-&|"));

    assertEquals(200, onlySyntax.statusCode());
    assertEquals(0, Json.tree(onlySyntax.asByteArray()).path("count").asInt(), "no results");
  }

  @Test
  @Tag("claim:tenant-isolation")
  void keepsTheSameIdInTwoTenantsAsTwoDocuments(Api api, Corpus corpus) {
    Principal adminA = api.principal("endpoints", api.target().tenantA(), Role.ADMIN);
    Principal adminB = api.principal("endpoints", api.target().tenantB(), Role.ADMIN);
    String docId = api.target().newDocId();
    corpus.add(adminA, docId, Classification.PUBLIC, "Title in A", "Body in A");
    corpus.add(adminB, docId, Classification.PUBLIC, "Title in B", "Body in B");

    Response inA = api.as(adminA).get("/documents/{id}", docId);
    Response inB = api.as(adminB).get("/documents/{id}", docId);

    assertTrue(
        "Title in A".equals(Json.tree(inA.asByteArray()).path("title").asText()),
        "A reads its own");
    assertTrue(
        "Title in B".equals(Json.tree(inB.asByteArray()).path("title").asText()),
        "B reads its own");
    assertEquals(204, api.as(adminA).delete("/documents/{id}", docId).statusCode());
    assertEquals(
        200,
        api.as(adminB).get("/documents/{id}", docId).statusCode(),
        "B's document survives A's delete");
  }

  private static JsonNode withoutServers(JsonNode document) {
    JsonNode copy = document.deepCopy();
    if (copy instanceof ObjectNode object) {
      object.remove("servers");
    }
    return copy;
  }

  /** JSON pointers where two documents differ, at most ten, the deepest that still differ. */
  private static List<String> differences(String pointer, JsonNode expected, JsonNode actual) {
    List<String> found = new ArrayList<>();
    if (expected.equals(actual)) {
      return found;
    }
    if (!expected.isObject() || !actual.isObject()) {
      found.add(pointer.isEmpty() ? "/" : pointer);
      return found;
    }
    Set<String> keys = names(expected);
    keys.addAll(names(actual));
    for (String key : keys) {
      if (found.size() >= 10) {
        break;
      }
      String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      JsonNode e = expected.get(key);
      JsonNode a = actual.get(key);
      if (e == null || a == null) {
        found.add(child + (e == null ? " (not in the project's)" : " (missing)"));
      } else {
        found.addAll(differences(child, e, a));
      }
    }
    return found.subList(0, Math.min(found.size(), 10));
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
