package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.RawHttp;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bound of the request bodies, at the bound and one past it, with lengths in Unicode code
 * points; the media type; the body size limit; and the JSON shape rules (CONTRACT.md, "Endpoints"
 * and "Every response").
 */
@ExtendWith(ContractExtension.class)
@Tag("claim:request-validation")
class RequestValidationAcceptanceTest {
  /** An astral character: one code point, two UTF-16 units, four UTF-8 bytes. */
  private static final String ASTRAL = "\uD835\uDD38";

  private static final int MIB = 1024 * 1024;

  private Principal reader;
  private Principal writer;

  @BeforeEach
  void principals(Api api) {
    reader = api.principal("validation", api.target().tenantA(), Role.INTERN);
    writer = api.principal("validation", api.target().tenantA(), Role.ADMIN);
  }

  @Test
  void acceptsAQueryOfOneTo1024Characters(Api api) {
    Map<String, Executable> checks = new LinkedHashMap<>();
    checks.put(
        "1 character", () -> assertEquals(200, query(api, Json.object("query", "x")).statusCode()));
    checks.put(
        "1024 code points",
        () ->
            assertEquals(200, query(api, Json.object("query", ASTRAL.repeat(1024))).statusCode()));
    checks.put(
        "empty", () -> Expect.error(query(api, Json.object("query", "")), 400, "bad_request"));
    checks.put(
        "1025 code points",
        () ->
            Expect.error(
                query(api, Json.object("query", ASTRAL.repeat(1025))), 400, "bad_request"));
    checks.put(
        "1025 characters",
        () -> Expect.error(query(api, Json.object("query", "x".repeat(1025))), 400, "bad_request"));

    Expect.each(checks);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"top_k\":5}",
        "{\"query\":null}",
        "{\"query\":42}",
        "{\"query\":[\"x\"]}",
        "{\"query\":true}"
      })
  void rejectsAQueryThatIsMissingOrNotAString(String body, Api api) {
    Expect.error(query(api, bytes(body)), 400, "bad_request");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 50})
  void acceptsTopKFrom1To50(int topK, Api api) {
    assertEquals(200, query(api, Json.object("query", "x", "top_k", topK)).statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "51", "-1", "5.5", "\"5\"", "4294967301", "true", "5.0", "null"})
  void rejectsATopKThatIsNotAJsonIntegerFrom1To50(String topK, Api api) {
    Response response = query(api, bytes("{\"query\":\"x\",\"top_k\":" + topK + "}"));

    Expect.error(response, 400, "bad_request");
  }

  @Test
  void acceptsADocIdOf64CharactersOfTheIdAlphabet(Api api, Corpus corpus) {
    String at64 = (api.target().newDocId() + "-").concat("A._-9".repeat(20)).substring(0, 64);

    Response created = ingestTracked(api, corpus, at64);

    assertEquals(201, created.statusCode(), "64 characters of [A-Za-z0-9._-]");
  }

  /** A public document of this id, deleted when the test ends. */
  private Response ingestTracked(Api api, Corpus corpus, String docId) {
    Response created =
        ingest(
            api,
            Json.object("doc_id", docId, "title", "t", "body", "b", "classification", "public"));
    corpus.track(writer, docId);
    return created;
  }

  static Stream<Arguments> docIdsOutsideTheRule() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("65 characters", "x".repeat(65)),
        Arguments.of("a space", "a b"),
        Arguments.of("a slash", "a/b"),
        Arguments.of("a percent sign", "a%b"),
        Arguments.of("a non-ASCII letter", "\u00e9"),
        Arguments.of("a plus sign", "a+b"),
        Arguments.of("a colon", "a:b"),
        Arguments.of("an astral character", ASTRAL),
        Arguments.of("a number", 12),
        Arguments.of("a dot segment", "."),
        Arguments.of("two dots, a dot segment", ".."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docIdsOutsideTheRule")
  void rejectsADocIdOutsideTheIdRule(String what, Object docId, Api api) {
    Response response =
        ingest(
            api,
            Json.object("doc_id", docId, "title", "t", "body", "b", "classification", "public"));

    Expect.error(response, 400, "bad_request");
  }

  /** An id that is a dot segment would resolve to another URL: such a path is never a document. */
  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void neverFindsOrDeletesADocumentAtADotSegment(String docId, Api api) {
    RawHttp raw = api.raw();
    Map<String, String> headers = api.target().credentials().headers(writer);

    RawResponse get = raw.send("GET", raw.target("/documents/" + docId), headers, null);
    RawResponse delete = raw.send("DELETE", raw.target("/documents/" + docId), headers, null);

    Expect.error(get, 404, "not_found");
    Expect.error(delete, 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"...", ".a", "a.", "..a", "a..b", "v1.2"})
  void acceptsAnIdThatOnlyContainsDotsLikeAnyOther(String docId, Api api, Corpus corpus) {
    Response created = ingestTracked(api, corpus, docId);

    assertEquals(201, created.statusCode(), "POST");
    assertEquals("/documents/" + docId, created.header("Location"), "Location");
    assertEquals(200, api.as(writer).get("/documents/" + docId).statusCode(), "GET");
  }

  @Test
  void acceptsATitleOf1To200Characters(Api api, Corpus corpus) {
    String docId = api.target().newDocId();

    Response created =
        ingest(
            api,
            Json.object(
                "doc_id",
                docId,
                "title",
                ASTRAL.repeat(200),
                "body",
                "b",
                "classification",
                "public"));
    corpus.track(writer, docId);

    assertEquals(201, created.statusCode(), "200 code points");
    Expect.each(
        Map.of(
            "201 code points",
            () ->
                rejected(
                    api,
                    Json.object(
                        "title", ASTRAL.repeat(201), "body", "b", "classification", "public")),
            "empty",
            () -> rejected(api, Json.object("title", "", "body", "b", "classification", "public")),
            "a number",
            () -> rejected(api, Json.object("title", 1, "body", "b", "classification", "public")),
            "missing",
            () -> rejected(api, Json.object("body", "b", "classification", "public"))));
  }

  @Test
  void acceptsABodyOf1To100000Characters(Api api, Corpus corpus) {
    String docId = api.target().newDocId();

    Response created =
        ingest(
            api,
            Json.object(
                "doc_id",
                docId,
                "title",
                "t",
                "body",
                ASTRAL.repeat(100_000),
                "classification",
                "public"));
    corpus.track(writer, docId);

    assertEquals(201, created.statusCode(), "100,000 code points");
    Expect.each(
        Map.of(
            "100,001 code points",
            () ->
                rejected(
                    api,
                    Json.object(
                        "title", "t", "body", ASTRAL.repeat(100_001), "classification", "public")),
            "empty",
            () -> rejected(api, Json.object("title", "t", "body", "", "classification", "public")),
            "missing",
            () -> rejected(api, Json.object("title", "t", "classification", "public"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret", "Public", "PUBLIC", " public", "public ", "top-secret", ""})
  void acceptsOnlyTheFourClassificationsExactly(String classification, Api api) {
    Response response =
        ingest(api, Json.object("title", "t", "body", "b", "classification", classification));

    Expect.error(response, 400, "bad_request");
  }

  @Test
  void rejectsABodyThatNamesATenantOrAnyUnknownField(Api api) {
    String otherTenant = api.target().tenantB();

    Expect.each(
        Map.of(
            "a document naming a tenant",
            () ->
                rejected(
                    api,
                    Json.object(
                        "title",
                        "t",
                        "body",
                        "b",
                        "classification",
                        "public",
                        "tenant",
                        otherTenant)),
            "a document with an unknown field",
            () ->
                rejected(
                    api,
                    Json.object(
                        "title", "t", "body", "b", "classification", "public", "owner", "x")),
            "a query naming a tenant",
            () ->
                Expect.error(
                    query(api, Json.object("query", "x", "tenant", otherTenant)),
                    400,
                    "bad_request"),
            "a query with a filter",
            () ->
                Expect.error(
                    query(api, Json.object("query", "x", "filter", "classification:restricted")),
                    400,
                    "bad_request")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"query\":\"x\",\"query\":\"x\"}", "{\"query\":\"x\",\"top_k\":1,\"top_k\":2}"})
  void rejectsDuplicateKeysEvenWithTheSameValue(String body, Api api) {
    Expect.error(query(api, bytes(body)), 400, "bad_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "[]",
        "\"x\"",
        "null",
        "1",
        "{",
        "{\"query\":\"x\"}{}",
        "{\"query\":\"x\"} x",
        "{'query':'x'}",
        "{\"query\":\"x\",}",
        "{\"query\":\"\\ud800\"}",
        "[{\"query\":\"x\"}]",
        "{\"query\":\"x\""
      })
  void rejectsABodyThatIsNotExactlyOneJsonObject(String body, Api api) {
    Expect.error(query(api, bytes(body)), 400, "bad_request");
  }

  @ParameterizedTest
  @ValueSource(ints = {33, 100_000})
  void rejectsNestingBeyond32LevelsWithoutFailing(int depth, Api api) {
    String nested = "{\"query\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

    Expect.error(query(api, bytes(nested)), 400, "bad_request");
  }

  @Test
  void acceptsTheJsonMediaTypeWithTheUtf8Charset(Api api) {
    Response response =
        api.as(reader)
            .contentType("application/json; charset=utf-8")
            .body(Json.object("query", "x"))
            .post("/query");

    assertEquals(200, response.statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/octet-stream",
        "application/xml",
        "application/json-patch+json",
        "application/json; charset=iso-8859-1",
        "application/json; charset=latin1"
      })
  void rejectsAnyOtherMediaType(String type, Api api) {
    Response response =
        api.as(reader).contentType(type).body(Json.object("query", "x")).post("/query");

    Expect.error(response, 415, "unsupported_media_type");
  }

  @Test
  void rejectsABodyWithoutAMediaType(Api api) {
    Response response = api.as(reader).body(Json.object("query", "x")).post("/query");

    Expect.error(response, 415, "unsupported_media_type");
  }

  @Test
  void acceptsTheJsonMediaTypeInAnyCase(Api api) {
    byte[] body = Json.object("query", "x");

    // RFC 9110, 8.3.1: type, subtype and parameter names are case-insensitive.
    Response response =
        api.as(reader).contentType("Application/JSON; Charset=UTF-8").body(body).post("/query");

    assertEquals(200, response.statusCode());
  }

  @Test
  @Tag("claim:limits")
  void acceptsABodyOfExactlyOneMebibyte(Api api) {
    Response response = query(api, padded(Json.object("query", "x"), MIB));

    assertEquals(200, response.statusCode(), "exactly 1 MiB is accepted");
  }

  @Test
  @Tag("claim:limits")
  void rejectsABodyOverOneMebibyte(Api api) {
    if (api.target().apiGatewayFront()) {
      // API Gateway takes the whole body before the function sees it.
      Expect.error(
          query(api, padded(Json.object("query", "x"), MIB + 1)), 413, "payload_too_large");
      return;
    }
    // The gateway refuses one byte more from the declared length and closes the connection
    // without reading the body; a client still sending it may meet a reset before it reads the
    // answer, so the length is declared and the body not sent.
    RawHttp raw = api.raw();
    Map<String, String> headers = new LinkedHashMap<>(api.target().credentials().headers(reader));
    headers.put("Content-Type", "application/json");
    String block = raw.headerBlock(headers, -1) + "Content-Length: " + (MIB + 1) + "\r\n";

    RawResponse declared = raw.send("POST", raw.target("/query"), block, new byte[0]);

    Expect.error(declared, 413, "payload_too_large");
  }

  private Response query(Api api, byte[] body) {
    return api.as(reader).contentType("application/json").body(body).post("/query");
  }

  private Response ingest(Api api, byte[] body) {
    return api.as(writer).contentType("application/json").body(body).post("/documents");
  }

  private void rejected(Api api, byte[] document) {
    Expect.error(ingest(api, document), 400, "bad_request");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code json} followed by spaces (still one JSON object) to exactly {@code size} bytes. */
  private static byte[] padded(byte[] json, int size) {
    byte[] body = Arrays.copyOf(json, size);
    Arrays.fill(body, json.length, size, (byte) ' ');
    return body;
  }
}
