package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the HTTP layer answers before any route runs, written byte by byte: request line and header
 * limits, malformed requests, chunked bodies over the limit, and path variants that must never be a
 * way around a route's identity and access decision. Every answer is the contract's envelope with
 * its ids; no framework default page (CONTRACT.md, "Every response").
 */
@ExtendWith(ContractExtension.class)
@Tag("claim:http-layer-errors")
class HttpLayerAcceptanceTest {
  private static final int KIB = 1024;

  @Test
  void answersUriTooLongForARequestLineOver8KiB(Api api) {
    RawHttp raw = api.raw();

    RawResponse longLine =
        raw.send("GET", raw.target("/documents/" + "x".repeat(9 * KIB)), Map.of(), null);
    RawResponse shortLine =
        raw.send("GET", raw.target("/documents/" + "x".repeat(4 * KIB)), Map.of(), null);

    Expect.error(longLine, 414, "uri_too_long");
    Expect.error(shortLine, 401, "unauthenticated");
  }

  @Test
  void answersHeadersTooLargeForHeadersOver16KiB(Api api) {
    RawHttp raw = api.raw();
    Map<String, String> oneLarge = Map.of("X-Padding", "p".repeat(17 * KIB));
    Map<String, String> manySmall = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      manySmall.put("X-Padding-" + i, "p".repeat(500));
    }

    RawResponse large = raw.send("GET", raw.target("/health"), oneLarge, null);
    RawResponse many = raw.send("GET", raw.target("/health"), manySmall, null);
    RawResponse underLimit =
        raw.send("GET", raw.target("/health"), Map.of("X-Padding", "p".repeat(8 * KIB)), null);

    Expect.each(
        Map.of(
            "one header of 17 KiB",
            () -> Expect.error(large, 431, "headers_too_large"),
            "40 headers of 500 bytes",
            () -> Expect.error(many, 431, "headers_too_large"),
            "8 KiB of headers",
            () -> assertEquals(200, underLimit.status())));
  }

  @Test
  @Tag("claim:error-envelope")
  void answersBadRequestInTheEnvelopeForAMalformedRequest(Api api) {
    assumeFalse(api.target().apiGatewayFront(), "API Gateway answers malformed requests itself");
    RawHttp raw = api.raw();
    String host =
        "Host: " + api.target().baseUri().getAuthority() + "\r\nConnection: close\r\n\r\n";

    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("a request line that is not HTTP", "GARBAGE\r\n" + host);
    requests.put("a request line with a fourth part", "GET /health HTTP/1.1 extra\r\n" + host);
    requests.put(
        "a header line without a colon",
        "GET /health HTTP/1.1\r\nBad Header Line\r\n"
            + host.substring(0, host.length() - 2)
            + "\r\n");
    requests.put(
        "a negative Content-Length", "GET /health HTTP/1.1\r\nContent-Length: -1\r\n" + host);
    requests.put("no Host header", "GET /health HTTP/1.1\r\n\r\n");
    // Not HTTP/1.1: a choice where the contract is silent (CONTRACT.md), 400 in the envelope.
    requests.put("HTTP/1.0", "GET /health HTTP/1.0\r\n" + host);
    requests.put("HTTP/2.0 in clear text", "GET /health HTTP/2.0\r\n" + host);
    requests.put("a method alone", "GET\r\n" + host);

    Expect.each(
        requests.entrySet(),
        Map.Entry::getKey,
        request -> {
          byte[] bytes = request.getValue().getBytes(StandardCharsets.ISO_8859_1);

          RawResponse response = assertDoesNotThrow(() -> raw.sendBytes(bytes), "an answer");

          Expect.error(response, 400, "bad_request");
        });
  }

  /**
   * A request line that reaches the server in pieces is judged as the whole line: the gateway once
   * answered {@code GET /}, then {@code health HTTP/1.0}, with a 500, and the same bytes in one
   * write with 400. Each split point is its own check.
   */
  @Test
  void judgesARequestLineThatArrivesInPiecesAsTheWholeLine(Api api) {
    assumeFalse(api.target().apiGatewayFront(), "API Gateway answers malformed requests itself");
    RawHttp raw = api.raw();
    String host =
        "Host: " + api.target().baseUri().getAuthority() + "\r\nConnection: close\r\n\r\n";
    record Split(String name, int status, String first, String rest) {}
    List<Split> splits =
        List.of(
            new Split("HTTP/1.0, split in the path", 400, "GET /", "health HTTP/1.0\r\n" + host),
            new Split("HTTP/1.0, split in the version", 400, "GET /health H", "TTP/1.0\r\n" + host),
            new Split("HTTP/2.0, split before it", 400, "GET /health ", "HTTP/2.0\r\n" + host),
            new Split("not HTTP, split in a word", 400, "GARB", "AGE\r\n" + host),
            new Split("HTTP/1.1, split in the path", 200, "GET /", "health HTTP/1.1\r\n" + host),
            new Split(
                "HTTP/1.1, split in the version", 200, "GET /health HT", "TP/1.1\r\n" + host));

    Expect.each(
        splits,
        Split::name,
        split -> {
          RawResponse response =
              assertDoesNotThrow(
                  () ->
                      raw.sendInPieces(
                          List.of(
                              split.first().getBytes(StandardCharsets.ISO_8859_1),
                              split.rest().getBytes(StandardCharsets.ISO_8859_1)),
                          Duration.ofMillis(200)),
                  "an answer");

          if (split.status() == 200) {
            assertEquals(200, response.status(), "status");
          } else {
            Expect.error(response, split.status(), "bad_request");
          }
        });
  }

  @Test
  @Tag("claim:limits")
  void answersPayloadTooLargeForADeclaredLengthOverTheLimitBeforeReadingIt(Api api) {
    assumeFalse(
        api.target().apiGatewayFront(), "API Gateway waits for the whole body it was promised");
    RawHttp raw = api.raw();
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);
    String block = raw.headerBlock(api.jsonHeaders(intern), 1024 * 1024 + 1);

    RawResponse response =
        raw.send("POST", raw.target("/query"), block, "{}".getBytes(StandardCharsets.UTF_8));

    Expect.error(response, 413, "payload_too_large");
  }

  @Test
  @Tag("claim:limits")
  void answersPayloadTooLargeForAChunkedBodyOverTheLimit(Api api) {
    RawHttp raw = api.raw();
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);
    Map<String, String> headers = api.jsonHeaders(intern);
    headers.put("Transfer-Encoding", "chunked");
    byte[] json = Json.object("query", "x");
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunk(chunks, json);
    byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 17; i++) {
      chunk(chunks, spaces);
    }
    chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    RawResponse response =
        raw.send("POST", raw.target("/query"), raw.headerBlock(headers, -1), chunks.toByteArray());

    Expect.error(response, 413, "payload_too_large");
  }

  @Test
  @Tag("claim:error-envelope")
  void answersNonAsciiHeaderBytesInTheEnvelope(Api api) {
    RawHttp raw = api.raw();
    String block = raw.headerBlock(Map.of(), -1) + "X-Note: caf\u00e9 \u00ff\r\n";

    RawResponse response = raw.send("GET", raw.target("/health"), block, null);

    assertTrue(
        response.status() == 200 || response.status() == 400,
        "served or rejected, never a default page");
    Expect.commonHeaders(response);
    if (response.status() == 400) {
      Expect.error(response, 400, "bad_request");
    }
  }

  @Test
  void servesPathVariantsOnlyWithTheSameIdentityAndAccessDecision(Api api, Corpus corpus) {
    Principal adminA = api.principal("http", api.target().tenantA(), Role.ADMIN);
    Principal adminB = api.principal("http", api.target().tenantB(), Role.ADMIN);
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);
    String restricted =
        corpus.add(adminA, Classification.RESTRICTED, "Restricted", "Above an intern.");
    String othersPublic =
        corpus.add(adminB, Classification.PUBLIC, "Public of B", "Not tenant A's.");
    RawHttp raw = api.raw();

    List<String> variants = new ArrayList<>(documentVariants(restricted));
    variants.addAll(documentVariants(othersPublic));

    Expect.each(
        variants,
        variant -> variant,
        variant -> {
          RawResponse asIntern =
              raw.send(
                  "GET", raw.target(variant), api.target().credentials().headers(intern), null);
          RawResponse anonymous = raw.send("GET", raw.target(variant), Map.of(), null);

          assertNotEquals(
              200,
              asIntern.status(),
              variant + " must not reveal a document the intern may not read");
          assertTrue(asIntern.status() >= 400 && asIntern.status() < 500, variant + ": a 4xx");
          Expect.error(asIntern, asIntern.status(), expectedCode(asIntern.status()));
          assertTrue(
              anonymous.status() >= 400 && anonymous.status() < 500,
              variant + " without identity: a 4xx");
          Expect.error(anonymous, anonymous.status(), expectedCode(anonymous.status()));
        });
  }

  @Test
  void answersQueryPathVariantsAsTheQueryRouteOrAsAnError(Api api) {
    RawHttp raw = api.raw();
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);
    Map<String, String> headers = api.jsonHeaders(intern);
    byte[] body = Json.object("query", "x");

    Expect.each(
        List.of(
            "/query/",
            "/QUERY",
            "//query",
            "/query;x",
            "/%71uery",
            "/./query",
            "/x/../query",
            "/query%2F",
            "/query?x=1"),
        variant -> variant,
        variant -> {
          RawResponse anonymous =
              raw.sendVariant(
                  "POST", variant, "/query", Map.of("Content-Type", "application/json"), body);
          RawResponse asIntern = raw.sendVariant("POST", variant, "/query", headers, body);

          assertTrue(
              anonymous.status() >= 400 && anonymous.status() < 500,
              variant + " without identity: a 4xx");
          Expect.error(anonymous, anonymous.status(), expectedCode(anonymous.status()));
          assertTrue(
              asIntern.status() == 200 || asIntern.status() >= 400 && asIntern.status() < 500,
              variant);
          if (asIntern.status() == 200) {
            Expect.commonHeaders(asIntern);
            assertTrue(
                asIntern.json().path("results").isArray(), variant + ": the query route's answer");
          } else {
            Expect.error(asIntern, asIntern.status(), expectedCode(asIntern.status()));
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"//whoami", "/whoami;x", "/%77hoami", "/x/../whoami", "/./whoami"})
  void answersWhoamiPathVariantsWithTheSameIdentityDecision(String variant, Api api) {
    RawHttp raw = api.raw();
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);

    RawResponse asIntern =
        raw.sendVariant(
            "GET", variant, "/whoami", api.target().credentials().headers(intern), null);
    RawResponse anonymous = raw.sendVariant("GET", variant, "/whoami", Map.of(), null);

    if (asIntern.status() == 200) {
      assertEquals(intern.tenant(), asIntern.json().path("tenant").asText(), "the same principal");
      Expect.error(anonymous, 401, "unauthenticated");
    } else {
      assertTrue(asIntern.status() >= 400 && asIntern.status() < 500, "a 4xx");
      Expect.error(asIntern, asIntern.status(), expectedCode(asIntern.status()));
      assertEquals(asIntern.status(), anonymous.status(), "the same answer without identity");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"//documents", "/documents/.", "/documents;p=1", "/%64ocuments"})
  void neverLetsAPathVariantAroundTheWriterCheck(String variant, Api api) {
    RawHttp raw = api.raw();
    Principal intern = api.principal("http", api.target().tenantA(), Role.INTERN);

    RawResponse response =
        raw.sendVariant(
            "POST",
            variant,
            "/documents",
            api.jsonHeaders(intern),
            Json.object("title", "t", "body", "b", "classification", "public"));

    assertTrue(response.status() >= 400 && response.status() < 500, "a 4xx, never a write");
    Expect.error(response, response.status(), expectedCode(response.status()));
  }

  private static List<String> documentVariants(String docId) {
    return List.of(
        "/documents/" + docId,
        "//documents/" + docId,
        "/documents//" + docId,
        "/documents/./" + docId,
        "/documents/x/../" + docId,
        "/x/../documents/" + docId,
        "/documents/" + docId + ";x",
        "/documents/" + docId + "/",
        "/DOCUMENTS/" + docId,
        "/%64ocuments/" + docId,
        "/documents%2F" + docId,
        "/documents/%2e/" + docId,
        "/documents/" + docId.toUpperCase(java.util.Locale.ROOT));
  }

  /** The code that goes with a 4xx status the HTTP layer or a route may give a variant. */
  private static String expectedCode(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      default -> throw new AssertionError("unexpected status " + status + " for a path variant");
    };
  }

  private static void chunk(ByteArrayOutputStream out, byte[] data) {
    out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
