package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Json;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.RawHttp;
import dev.retrievalgateway.contract.testsupport.RawHttp.RawResponse;
import dev.retrievalgateway.contract.testsupport.Role;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
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
    assertEquals(200, query(api, Json.object("query", "x")).statusCode(), "1 character");
    assertEquals(
        200,
        query(api, Json.object("query", ASTRAL.repeat(1024))).statusCode(),
        "1024 code points");
    Expect.error(query(api, Json.object("query", "")), 400, "bad_request");
    Expect.error(query(api, Json.object("query", ASTRAL.repeat(1025))), 400, "bad_request");
    Expect.error(query(api, Json.object("query", "x".repeat(1025))), 400, "bad_request");
  }

  @Test
  void rejectsAQueryThatIsMissingOrNotAString(Api api) {
    Expect.error(query(api, Json.object("top_k", 5)), 400, "bad_request");
    Expect.error(query(api, Json.object("query", null)), 400, "bad_request");
    Expect.error(query(api, Json.object("query", 42)), 400, "bad_request");
    Expect.error(query(api, Json.object("query", List.of("x"))), 400, "bad_request");
    Expect.error(query(api, Json.object("query", true)), 400, "bad_request");
  }

  @Test
  void acceptsTopKFrom1To50AsAJsonInteger(Api api) {
    assertEquals(200, query(api, Json.object("query", "x", "top_k", 1)).statusCode(), "top_k 1");
    assertEquals(200, query(api, Json.object("query", "x", "top_k", 50)).statusCode(), "top_k 50");
    for (Object bad : new Object[] {0, 51, -1, 5.5, "5", 4_294_967_301L, true}) {
      Expect.error(query(api, Json.object("query", "x", "top_k", bad)), 400, "bad_request");
    }
    Expect.error(
        query(api, "{\"query\":\"x\",\"top_k\":5.0}".getBytes(StandardCharsets.UTF_8)),
        400,
        "bad_request");
    Expect.error(
        query(api, "{\"query\":\"x\",\"top_k\":null}".getBytes(StandardCharsets.UTF_8)),
        400,
        "bad_request");
  }

  @Test
  void acceptsADocIdOf1To64CharactersOfTheIdAlphabet(Api api, Corpus corpus) {
    String at64 = (api.target().newDocId() + "-").concat("A._-9".repeat(20)).substring(0, 64);

    Response created =
        ingest(
            api,
            Json.object("doc_id", at64, "title", "t", "body", "b", "classification", "public"));
    corpus.track(writer, at64);

    assertEquals(201, created.statusCode(), "64 characters of [A-Za-z0-9._-]");
    for (String bad :
        new String[] {"", "x".repeat(65), "a b", "a/b", "a%b", "\u00e9", "a+b", "a:b", ASTRAL}) {
      Expect.error(
          ingest(
              api,
              Json.object("doc_id", bad, "title", "t", "body", "b", "classification", "public")),
          400,
          "bad_request");
    }
    Expect.error(
        ingest(
            api, Json.object("doc_id", 12, "title", "t", "body", "b", "classification", "public")),
        400,
        "bad_request");
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
    Expect.error(
        ingest(
            api, Json.object("title", ASTRAL.repeat(201), "body", "b", "classification", "public")),
        400,
        "bad_request");
    Expect.error(
        ingest(api, Json.object("title", "", "body", "b", "classification", "public")),
        400,
        "bad_request");
    Expect.error(
        ingest(api, Json.object("title", 1, "body", "b", "classification", "public")),
        400,
        "bad_request");
    Expect.error(
        ingest(api, Json.object("body", "b", "classification", "public")), 400, "bad_request");
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
    Expect.error(
        ingest(
            api,
            Json.object("title", "t", "body", ASTRAL.repeat(100_001), "classification", "public")),
        400,
        "bad_request");
    Expect.error(
        ingest(api, Json.object("title", "t", "body", "", "classification", "public")),
        400,
        "bad_request");
    Expect.error(
        ingest(api, Json.object("title", "t", "classification", "public")), 400, "bad_request");
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
    Expect.error(
        ingest(
            api,
            Json.object(
                "title",
                "t",
                "body",
                "b",
                "classification",
                "public",
                "tenant",
                api.target().tenantB())),
        400,
        "bad_request");
    Expect.error(
        ingest(
            api, Json.object("title", "t", "body", "b", "classification", "public", "owner", "x")),
        400,
        "bad_request");
    Expect.error(
        query(api, Json.object("query", "x", "tenant", api.target().tenantB())),
        400,
        "bad_request");
    Expect.error(
        query(api, Json.object("query", "x", "filter", "classification:restricted")),
        400,
        "bad_request");
  }

  @Test
  void rejectsDuplicateKeysEvenWithTheSameValue(Api api) {
    Expect.error(query(api, bytes("{\"query\":\"x\",\"query\":\"x\"}")), 400, "bad_request");
    Expect.error(
        query(api, bytes("{\"query\":\"x\",\"top_k\":1,\"top_k\":2}")), 400, "bad_request");
  }

  @Test
  void rejectsABodyThatIsNotExactlyOneJsonObject(Api api) {
    for (String body :
        List.of(
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
            "{\"query\":\"\\ud800\"}")) {
      Expect.error(query(api, bytes(body)), 400, "bad_request");
    }
  }

  @Test
  void rejectsNestingBeyond32LevelsWithoutFailing(Api api) {
    String deep = "{\"query\":" + "[".repeat(33) + "]".repeat(33) + "}";
    String veryDeep = "{\"query\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    Expect.error(query(api, bytes(deep)), 400, "bad_request");
    Expect.error(query(api, bytes(veryDeep)), 400, "bad_request");
  }

  @Test
  void requiresTheJsonMediaType(Api api) {
    byte[] body = Json.object("query", "x");

    assertEquals(
        200,
        api.as(reader)
            .contentType("application/json; charset=utf-8")
            .body(body)
            .post("/query")
            .statusCode());
    for (String type :
        List.of(
            "text/plain",
            "application/octet-stream",
            "application/xml",
            "application/json-patch+json",
            "application/json; charset=iso-8859-1")) {
      Expect.error(
          api.as(reader).contentType(type).body(body).post("/query"),
          415,
          "unsupported_media_type");
    }
    Expect.error(api.as(reader).body(body).post("/query"), 415, "unsupported_media_type");
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
