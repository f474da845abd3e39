package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.Classification;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The error codes a client can provoke on a healthy target, each in the one envelope, and the
 * contract's order of checks (CONTRACT.md, "Every response"). Bounds, limits and the HTTP layer's
 * own errors have their own classes; {@code internal} and {@code unavailable} cannot be provoked
 * through the API of a healthy target and are the service's own tests.
 */
@ExtendWith(ContractExtension.class)
@Tag("claim:error-envelope")
class ErrorsAcceptanceTest {
  /** Each route, the methods it serves, and a method it does not. */
  private static final Map<String, String> ALLOW =
      Map.of(
          "/health", "GET",
          "/openapi", "GET",
          "/whoami", "GET",
          "/query", "POST",
          "/documents", "POST",
          "/documents/some-id", "GET, DELETE");

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  @Test
  @Tag("claim:deny-by-default")
  void requiresAnIdentityOnEveryRouteButHealthAndOpenapi(Api api) {
    byte[] body = Json.object("query", "x");

    Expect.each(
        Map.of(
            "GET /whoami",
            () -> Expect.error(api.anonymous().get("/whoami"), 401, "unauthenticated"),
            "POST /query",
            () -> Expect.error(api.postJson("/query", body), 401, "unauthenticated"),
            "POST /documents",
            () -> Expect.error(api.postJson("/documents", body), 401, "unauthenticated"),
            "GET /documents/{doc_id}",
            () ->
                Expect.error(api.anonymous().get("/documents/{id}", "any"), 401, "unauthenticated"),
            "DELETE /documents/{doc_id}",
            () ->
                Expect.error(
                    api.anonymous().delete("/documents/{id}", "any"), 401, "unauthenticated")));
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"INTERN", "ANALYST"})
  @Tag("claim:clearance")
  void forbidsWritesAndDeletesToRolesThatMayNotWrite(Role role, Api api, Corpus corpus) {
    Principal admin = api.principal("errors", api.target().tenantA(), Role.ADMIN);
    String docId = corpus.add(admin, Classification.PUBLIC, "Kept", "Not deletable by readers.");
    byte[] body = Json.object("title", "t", "body", "b", "classification", "public");
    Principal reader = api.principal("errors", api.target().tenantA(), role);

    Response write = api.postJson(reader, "/documents", body);
    Response delete = api.as(reader).delete("/documents/{id}", docId);

    Expect.error(write, 403, "forbidden");
    Expect.error(delete, 403, "forbidden");
    assertEquals(
        200, api.as(admin).get("/documents/{id}", docId).statusCode(), "nothing was deleted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/nope",
        "/metrics",
        "/admin",
        "/health/details",
        "/documents/a/b",
        "/openapi.yaml",
        "/query/x"
      })
  void answersUnknownPathsWithNotFoundWithOrWithoutIdentity(String path, Api api) {
    Principal admin = api.principal("errors", api.target().tenantA(), Role.ADMIN);

    Expect.error(api.anonymous().get(path), 404, "not_found");
    Expect.error(api.as(admin).get(path), 404, "not_found");
  }

  /** Every route with every method of {@link #METHODS} it does not serve. */
  static Stream<Arguments> routesAndMethodsTheyDoNotServe() {
    return ALLOW.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            route ->
                METHODS.stream()
                    .filter(m -> !methods(route.getValue()).contains(m))
                    .map(m -> Arguments.of(m, route.getKey())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routesAndMethodsTheyDoNotServe")
  void answersEveryOtherMethodWithMethodNotAllowedAndAllow(String method, String path, Api api) {
    Response response = api.anonymous().request(method, path);

    Expect.error(response, 405, "method_not_allowed");
    assertEquals(methods(ALLOW.get(path)), methods(response.header("Allow")), "Allow");
  }

  @Test
  void answersConflictForAnIdThatExistsInTheTenant(Api api, Corpus corpus) {
    Principal admin = api.principal("errors", api.target().tenantA(), Role.ADMIN);
    String docId = corpus.add(admin, Classification.PUBLIC, "First", "The first one.");

    Response again = corpus.write(admin, docId, Classification.PUBLIC, "Second", "Another.");

    Expect.error(again, 409, "conflict");
    assertEquals(
        "First",
        Json.tree(api.as(admin).get("/documents/{id}", docId).asByteArray()).path("title").asText(),
        "the first document is unchanged");
  }

  @Test
  void neverEchoesRequestInputInAnErrorMessage(Api api) {
    Principal admin = api.principal("errors", api.target().tenantA(), Role.ADMIN);
    String planted = "CanaryInput" + api.target().runId();

    Map<String, Executable> requests = new LinkedHashMap<>();
    requests.put(
        "a query with an unknown field named by the input",
        () ->
            echoless(
                api.postJson(admin, "/query", Json.object("query", planted, planted, 1)), planted));
    requests.put(
        "a query with the input as top_k",
        () ->
            echoless(
                api.postJson(admin, "/query", Json.object("query", 7, "top_k", planted)), planted));
    requests.put(
        "a query cut short after the input",
        () ->
            echoless(
                api.postJson(admin, "/query", ("{\"query\":\"" + planted).getBytes()), planted));
    requests.put(
        "a document whose id is the input and a slash",
        () ->
            echoless(
                api.postJson(
                    admin,
                    "/documents",
                    Json.object(
                        "doc_id",
                        planted + "/",
                        "title",
                        "t",
                        "body",
                        "b",
                        "classification",
                        "public")),
                planted));
    requests.put(
        "a document whose classification is the input",
        () ->
            echoless(
                api.postJson(
                    admin,
                    "/documents",
                    Json.object("title", "t", "body", "b", "classification", planted)),
                planted));
    requests.put(
        "a media type naming the input",
        () ->
            echoless(
                api.as(admin)
                    .contentType("text/" + planted)
                    .body(planted.getBytes())
                    .post("/query"),
                planted));
    requests.put(
        "a document id that is the input",
        () -> echoless(api.as(admin).get("/documents/{id}", planted), planted));
    requests.put(
        "a path that is the input", () -> echoless(api.as(admin).get("/" + planted), planted));

    Expect.each(requests);
  }

  private static void echoless(Response response, String planted) {
    assertTrue(response.statusCode() >= 400, "an error");
    Expect.noEcho(response, planted);
  }

  @Test
  void checksTheRouteBeforeTheIdentity(Api api) {
    Expect.error(api.anonymous().get("/nope"), 404, "not_found");
    Expect.error(api.anonymous().put("/query"), 405, "method_not_allowed");
  }

  @Test
  void checksTheIdentityBeforeTheRequest(Api api) {
    Response wrongMediaType =
        api.anonymous().contentType("text/plain").body("x".getBytes()).post("/query");
    Response badBody = api.postJson("/documents", "{".getBytes());

    Expect.error(wrongMediaType, 401, "unauthenticated");
    Expect.error(badBody, 401, "unauthenticated");
  }

  @Test
  void checksAccessBeforeTheRequest(Api api) {
    Principal intern = api.principal("errors", api.target().tenantA(), Role.INTERN);

    Response wrongMediaType =
        api.as(intern).contentType("text/plain").body("x".getBytes()).post("/documents");
    Response badBody = api.postJson(intern, "/documents", "{".getBytes());

    Expect.error(wrongMediaType, 403, "forbidden");
    Expect.error(badBody, 403, "forbidden");
  }

  @Test
  void checksTheMediaTypeBeforeTheBodyAndTheBodyBeforeTheResource(Api api, Corpus corpus) {
    Principal admin = api.principal("errors", api.target().tenantA(), Role.ADMIN);
    String existing = corpus.add(admin, Classification.PUBLIC, "Exists", "Already here.");

    Response mediaType =
        api.as(admin).contentType("text/plain").body("{".getBytes()).post("/documents");
    Response invalidDuplicate = corpus.write(admin, existing, Classification.PUBLIC, "", "b");

    Expect.error(mediaType, 415, "unsupported_media_type");
    Expect.error(invalidDuplicate, 400, "bad_request");
  }

  private static Set<String> methods(String allow) {
    if (allow == null) {
      return Set.of();
    }
    return Arrays.stream(allow.split(","))
        .map(String::strip)
        .filter(m -> !m.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
