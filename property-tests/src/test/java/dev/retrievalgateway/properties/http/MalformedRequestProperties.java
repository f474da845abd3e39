package dev.retrievalgateway.properties.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.properties.http.testsupport.TestGateway;
import dev.retrievalgateway.testkit.Envelope;
import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.RawRequest;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Generators;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Invariant 6 over HTTP: generated malformed requests (JSON of the wrong shape, type, size or
 * depth, broken JSON, wrong content types, methods, path variants, oversized request lines and
 * headers) get a 4xx in the contract's envelope, never a 5xx and never a framework page, and the
 * answer echoes none of the input: each request carries a random canary, which must not come back.
 */
@Tag("claim:http-layer-errors")
@Tag("claim:error-envelope")
class MalformedRequestProperties {
  private static final int EXAMPLES = 200;
  private static final String JSON = "application/json";

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.of(TestGateway.empty());

  /** One malformed request; it prints its body's start only (a body can be over 1 MiB). */
  record Malformed(String kind, String method, String path, String contentType, String body) {
    byte[] bytes(boolean identified) {
      RawRequest r = RawRequest.of(method, path);
      if (identified) {
        r.header("X-User", "demo").header("X-Tenant", "tenant-a").header("X-Role", "admin");
      }
      if (contentType != null) {
        r.header("Content-Type", contentType);
      }
      if (kind.equals("oversized headers")) {
        r.header("X-Pad", body);
      } else if (body != null) {
        r.body(body.getBytes(StandardCharsets.UTF_8));
      }
      return r.bytes();
    }

    @Override
    public String toString() {
      String start =
          body == null
              ? "none"
              : body.length() > 160
                  ? body.substring(0, 160) + "... (" + body.length() + " chars)"
                  : body;
      return "Malformed["
          + kind
          + ": "
          + method
          + " "
          + (path.length() > 100 ? path.substring(0, 100) + "..." : path)
          + ", content type "
          + contentType
          + ", body "
          + start
          + "]";
    }
  }

  /** A kind of malformed request, made from a canary and a size. */
  record Kind(String name, BiFunction<String, Integer, Malformed> make) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A malformed {@code POST} of JSON to {@code path}, its body made from a canary and a size. */
  private static Kind post(String name, String path, BiFunction<String, Integer, String> body) {
    return new Kind(name, (c, n) -> new Malformed(name, "POST", path, JSON, body.apply(c, n)));
  }

  private static Kind query(String name, BiFunction<String, Integer, String> body) {
    return post(name, "/query", body);
  }

  private static Kind document(String name, BiFunction<String, Integer, String> body) {
    return post(name, "/documents", body);
  }

  /** One of {@code options}, chosen by the size {@code n}. */
  private static String pick(int n, String... options) {
    return options[n % options.length];
  }

  /** Methods no route of this path answers. */
  private static final List<String> NOT_ALLOWED =
      List.of(
          "GET /query",
          "PUT /query",
          "PATCH /query",
          "DELETE /query",
          "OPTIONS /query",
          "TRACE /query",
          "GET /documents",
          "PUT /documents",
          "DELETE /documents",
          "POST /whoami",
          "PUT /whoami",
          "DELETE /whoami",
          "POST /health",
          "PUT /documents/d1",
          "PATCH /documents/d1",
          "POST /documents/d1",
          "POST /openapi");

  private static final List<Kind> KINDS =
      List.of(
          query("array", (c, n) -> "[\"" + c + "\"]"),
          query("string", (c, n) -> "\"" + c + "\""),
          document("number", (c, n) -> "12345"),
          query("null", (c, n) -> "null"),
          query(
              "query of wrong type",
              (c, n) ->
                  pick(
                      n,
                      "{\"query\":5}",
                      "{\"query\":[\"" + c + "\"]}",
                      "{\"query\":{\"" + c + "\":1}}",
                      "{\"query\":null}",
                      "{\"query\":true}")),
          query(
              "top_k of wrong type or range",
              (c, n) ->
                  "{\"query\":\""
                      + c
                      + "\",\"top_k\":"
                      + pick(
                          n,
                          "\"5\"",
                          "5.0",
                          "0",
                          "51",
                          "-1",
                          "1e2",
                          "99999999999999999999",
                          "[5]",
                          "null")
                      + "}"),
          query("query missing", (c, n) -> "{\"top_k\":3}"),
          query("query empty", (c, n) -> "{\"query\":\"\"}"),
          query(
              "query too long",
              (c, n) ->
                  "{\"query\":\"" + (c + " ").repeat(1025 / (c.length() + 1) + 1 + n % 5) + "\"}"),
          query("unknown field", (c, n) -> "{\"query\":\"revenue\",\"" + c + "\":1}"),
          document(
              "tenant named in a body",
              (c, n) ->
                  "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\",\"tenant\":\""
                      + c
                      + "\"}"),
          document(
              "unknown classification",
              (c, n) -> "{\"title\":\"t\",\"body\":\"b\",\"classification\":\"" + c + "\"}"),
          document(
              "invalid doc_id",
              (c, n) ->
                  "{\"doc_id\":\""
                      + c
                      + pick(n, "/x", " x", "\\u00e9", "%2e", ":")
                      + "\",\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}"),
          document(
              "title too long",
              (c, n) ->
                  "{\"title\":\""
                      + c.repeat(201 / c.length() + 1)
                      + "\",\"body\":\"b\",\"classification\":\"public\"}"),
          document(
              "field of wrong type",
              (c, n) -> "{\"title\":[\"" + c + "\"],\"body\":\"b\",\"classification\":\"public\"}"),
          query("duplicate keys", (c, n) -> "{\"query\":\"revenue\",\"query\":\"" + c + "\"}"),
          query(
              "nesting too deep",
              (c, n) ->
                  "{\"query\":\""
                      + c
                      + "\",\"top_k\":"
                      + "[".repeat(33 + n % 60)
                      + "]".repeat(33 + n % 60)
                      + "}"),
          document(
              "deep object",
              (c, n) -> "{\"" + c + "\":".repeat(33 + n % 60) + "1" + "}".repeat(34 + n % 60)),
          query("truncated", (c, n) -> "{\"query\":\"" + c + "\""),
          query(
              "trailing garbage",
              (c, n) -> "{\"query\":\"" + c + "\"}" + pick(n, "x", "}", "{}", "[", ",")),
          query("single quotes", (c, n) -> "{'query':'" + c + "'}"),
          query("comment", (c, n) -> "/*" + c + "*/{\"query\":\"revenue\"}"),
          query("NaN", (c, n) -> "{\"query\":\"" + c + "\",\"top_k\":NaN}"),
          query("unpaired surrogate", (c, n) -> "{\"query\":\"" + c + "\\ud800\"}"),
          query("empty body", (c, n) -> pick(n, "", " ", "\r\n")),
          query("two objects", (c, n) -> "{\"query\":\"" + c + "\"}{\"query\":\"x\"}"),
          query(
              "over 1 MiB",
              (c, n) ->
                  "{\"query\":\""
                      + c
                      + "\",\"pad\":\""
                      + "x".repeat(1024 * 1024 + n % 100)
                      + "\"}"),
          new Kind(
              "wrong content type",
              (c, n) ->
                  new Malformed(
                      "wrong content type",
                      "POST",
                      "/query",
                      pick(
                          n,
                          "text/plain",
                          "application/xml",
                          "application/json; charset=latin1",
                          "application/x-www-form-urlencoded",
                          "application/" + c,
                          c + "/json",
                          "multipart/form-data; boundary=" + c),
                      "{\"query\":\"" + c + "\"}")),
          new Kind(
              "no content type",
              (c, n) ->
                  new Malformed(
                      "no content type",
                      "POST",
                      "/documents",
                      null,
                      "{\"title\":\"" + c + "\",\"body\":\"b\",\"classification\":\"public\"}")),
          new Kind(
              "method not allowed",
              (c, n) -> {
                String[] pair = NOT_ALLOWED.get(n % NOT_ALLOWED.size()).split(" ");
                return new Malformed(
                    "method not allowed", pair[0], pair[1], JSON, "{\"query\":\"" + c + "\"}");
              }),
          new Kind(
              "unknown method",
              (c, n) ->
                  new Malformed(
                      "unknown method",
                      pick(n, "FOO", "PROPFIND", "GETS", "QUERY", "C" + c.toUpperCase()),
                      "/query",
                      JSON,
                      "{\"query\":\"" + c + "\"}")),
          new Kind(
              "path variant",
              (c, n) ->
                  new Malformed(
                      "path variant",
                      "POST",
                      pick(
                          n,
                          "/query/",
                          "/QUERY",
                          "/query;" + c,
                          "//query",
                          "/%71uery",
                          "/./query",
                          "/a/../query",
                          "/query%2F",
                          "/" + c,
                          "/documents/" + c + "/x",
                          "/documents/%2e%2e",
                          "/query?" + c + "=1",
                          "/%2e%2e/query"),
                      JSON,
                      "[\"" + c + "\"]")),
          new Kind(
              "request line over 8 KiB",
              (c, n) ->
                  new Malformed(
                      "request line over 8 KiB",
                      "GET",
                      "/documents/" + c + "x".repeat(8 * 1024 + n % 100),
                      null,
                      null)),
          new Kind(
              "oversized headers",
              (c, n) ->
                  new Malformed(
                      "oversized headers",
                      "GET",
                      "/whoami",
                      null,
                      c + "y".repeat(16 * 1024 + n % 100))));

  @Nested
  class Requests {
    @Test
    void aMalformedRequestGetsA4xxEnvelopeThatEchoesNoInput() {
      Gen<Malformed> malformed =
          Generate.pick(KINDS)
              .zip(
                  Generators.canaries(), Generate.range(0, 999), (k, c, n) -> k.make().apply(c, n));
      PropertyCheck.httpLevel(Invariant.NEVER_5XX_NEVER_ECHO, EXAMPLES)
          .forAll(
              malformed,
              Generate.booleans().mix(Generate.constant(true), 60),
              (m, identified) -> {
                String canary = canaryOf(m);

                RawResponse r = GATEWAY.raw().send(m.bytes(identified));

                assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
                Envelope.assertEnvelope(r);
                assertFalse(r.text().contains(canary), "the body echoes input");
                assertFalse(r.headers().toString().contains(canary), "a header echoes input");
              });
    }
  }

  /** The canary a request carries: the {@code cnry...} run of its method, path or body. */
  private static String canaryOf(Malformed m) {
    String all = m.method() + " " + m.path() + " " + m.contentType() + " " + m.body();
    int at = all.toLowerCase(java.util.Locale.ROOT).indexOf("cnry");
    return at < 0 ? "\u0000none" : all.substring(at, at + 24);
  }
}
