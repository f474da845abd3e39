package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.Classification;
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
import org.junit.jupiter.api.Named;
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
  @ValueSource(ints = {1, 50})
  void acceptsTopKFrom1To50(int topK, Api api) {
    assertEquals(200, query(api, Json.object("query", "x", "top_k", topK)).statusCode());
  }

  /**
   * Bodies of {@code POST /query} that break one of its rules, each named by the rule and shown
   * (the deep ones by their depth).
   */
  static Stream<Arguments> queryBodiesThatBreakARule() {
    return Stream.of(
            breaking(
                "a query missing or not a string",
                "{\"top_k\":5}",
                "{\"query\":null}",
                "{\"query\":42}",
                "{\"query\":[\"x\"]}",
                "{\"query\":true}"),
            breaking(
                "a top_k that is not a JSON integer from 1 to 50",
                Stream.of("0", "51", "-1", "5.5", "\"5\"", "4294967301", "true", "5.0", "null")
                    .map(topK -> "{\"query\":\"x\",\"top_k\":" + topK + "}")
                    .toArray()),
            breaking(
                "a duplicate key, even with the same value",
                "{\"query\":\"x\",\"query\":\"x\"}",
                "{\"query\":\"x\",\"top_k\":1,\"top_k\":2}"),
            breaking(
                "not exactly one JSON object",
                Named.of("empty", ""),
                Named.of("a space", " "),
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
                "{\"query\":\"x\""),
            breaking(
                "nesting beyond 32 levels, rejected without failing",
                Named.of("33 levels", nested(33)),
                Named.of("100,000 levels", nested(100_000))))
        .flatMap(bodies -> bodies);
  }

  /** {@code bodies}, each a text or a {@link Named} text, as cases of {@code rule}. */
  private static Stream<Arguments> breaking(String rule, Object... bodies) {
    return Arrays.stream(bodies).map(body -> Arguments.of(rule, body));
  }

  private static String nested(int depth) {
    return "{\"query\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("queryBodiesThatBreakARule")
  void rejectsAQueryBodyThatBreaksARule(String rule, String body, Api api) {
    Expect.error(query(api, bytes(body)), 400, "bad_request");
  }

  @Test
  void acceptsADocIdOf64CharactersOfTheIdAlphabet(Api api, Corpus corpus) {
    String at64 = (api.target().newDocId() + "-").concat("A._-9".repeat(20)).substring(0, 64);

    Response created = corpus.write(writer, at64, Classification.PUBLIC, "t", "b");

    assertEquals(201, created.statusCode(), "64 characters of [A-Za-z0-9._-]");
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
    rejected(api, "doc_id", docId, "title", "t", "body", "b", "classification", "public");
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
    Response created = corpus.write(writer, docId, Classification.PUBLIC, "t", "b");

    assertEquals(201, created.statusCode(), "POST");
    assertEquals("/documents/" + docId, created.header("Location"), "Location");
    assertEquals(200, api.as(writer).get("/documents/" + docId).statusCode(), "GET");
  }

  @Test
  void acceptsATitleOf1To200Characters(Api api, Corpus corpus) {
    Response created =
        corpus.write(
            writer, api.target().newDocId(), Classification.PUBLIC, ASTRAL.repeat(200), "b");

    assertEquals(201, created.statusCode(), "200 code points");
    Expect.each(
        Map.of(
            "201 code points",
            () ->
                rejected(api, "title", ASTRAL.repeat(201), "body", "b", "classification", "public"),
            "empty",
            () -> rejected(api, "title", "", "body", "b", "classification", "public"),
            "a number",
            () -> rejected(api, "title", 1, "body", "b", "classification", "public"),
            "missing",
            () -> rejected(api, "body", "b", "classification", "public")));
  }

  @Test
  void acceptsABodyOf1To100000Characters(Api api, Corpus corpus) {
    Response created =
        corpus.write(
            writer, api.target().newDocId(), Classification.PUBLIC, "t", ASTRAL.repeat(100_000));

    assertEquals(201, created.statusCode(), "100,000 code points");
    Expect.each(
        Map.of(
            "100,001 code points",
            () ->
                rejected(
                    api, "title", "t", "body", ASTRAL.repeat(100_001), "classification", "public"),
            "empty",
            () -> rejected(api, "title", "t", "body", "", "classification", "public"),
            "missing",
            () -> rejected(api, "title", "t", "classification", "public")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret", "Public", "PUBLIC", " public", "public ", "top-secret", ""})
  void acceptsOnlyTheFourClassificationsExactly(String classification, Api api) {
    rejected(api, "title", "t", "body", "b", "classification", classification);
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
                    "title",
                    "t",
                    "body",
                    "b",
                    "classification",
                    "public",
                    "tenant",
                    otherTenant),
            "a document with an unknown field",
            () ->
                rejected(api, "title", "t", "body", "b", "classification", "public", "owner", "x"),
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

  /** RFC 9110, 8.3.1: type, subtype and parameter names are case-insensitive. */
  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON; Charset=UTF-8"})
  void acceptsTheJsonMediaTypeWithTheUtf8CharsetInAnyCase(String type, Api api) {
    assertEquals(200, queryAs(api, type).statusCode());
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
    Expect.error(queryAs(api, type), 415, "unsupported_media_type");
  }

  @Test
  void rejectsABodyWithoutAMediaType(Api api) {
    Response response = api.as(reader).body(Json.object("query", "x")).post("/query");

    Expect.error(response, 415, "unsupported_media_type");
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
    String block = raw.headerBlock(api.jsonHeaders(reader), MIB + 1);

    RawResponse declared = raw.send("POST", raw.target("/query"), block, new byte[0]);

    Expect.error(declared, 413, "payload_too_large");
  }

  private Response query(Api api, byte[] body) {
    return api.postJson(reader, "/query", body);
  }

  /** The query {@code "x"} with {@code type} as its media type. */
  private Response queryAs(Api api, String type) {
    return api.as(reader).contentType(type).body(Json.object("query", "x")).post("/query");
  }

  /** A {@code POST /documents} of these names and values gets a 400. */
  private void rejected(Api api, Object... namesAndValues) {
    Expect.error(
        api.postJson(writer, "/documents", Json.object(namesAndValues)), 400, "bad_request");
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
