package dev.retrievalgateway.properties.http.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.properties.Operations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Operations} over HTTP against a running gateway, in header mode: each call is one request
 * with the principal's identity headers (its tenant renamed by {@link TenantNames}), and each
 * answer is mapped back to the outcome the contract names. An answer the contract does not allow
 * for the call fails with its status and error code (never its body: it may hold document text).
 */
public final class HttpOperations implements Operations {
  private final Http http;
  private final TenantNames tenants;

  public HttpOperations(Http http, TenantNames tenants) {
    this.http = http;
    this.tenants = tenants;
  }

  public Map<String, String> identity(Principal p) {
    return Http.identity(p.user(), tenants.of(p.tenant().name()), p.role().name());
  }

  @Override
  public WriteOutcome ingest(Principal principal, Document d) {
    String body = Json.document(d.docId(), d.title(), d.body(), d.classification().wireName());
    RawResponse r = http.postJson("/documents", identity(principal), body);
    return switch (r.status()) {
      case 201 -> WriteOutcome.CREATED;
      case 409 -> WriteOutcome.CONFLICT;
      case 403 -> forbiddenOrQuota(r);
      default -> throw unexpected("POST /documents", r);
    };
  }

  @Override
  public WriteOutcome delete(Principal principal, String docId) {
    RawResponse r = http.delete("/documents/" + docId, identity(principal));
    return switch (r.status()) {
      case 204 -> WriteOutcome.DELETED;
      case 404 -> WriteOutcome.NOT_FOUND;
      case 403 -> forbiddenOrQuota(r);
      default -> throw unexpected("DELETE /documents/{doc_id}", r);
    };
  }

  @Override
  public Optional<Document> get(Principal principal, String docId) {
    RawResponse r = http.get("/documents/" + docId, identity(principal));
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw unexpected("GET /documents/{doc_id}", r);
    }
    JsonNode json = Json.tree(r.body());
    return Optional.of(
        new Document(
            json.path("doc_id").asText(),
            json.path("title").asText(),
            json.path("body").asText(),
            Classification.fromWireName(json.path("classification").asText()).orElseThrow()));
  }

  @Override
  public List<Hit> query(Principal principal, String text, int topK) {
    RawResponse r = query(identity(principal), text, topK);
    if (r.status() != 200) {
      throw unexpected("POST /query", r);
    }
    List<Hit> hits = new ArrayList<>();
    for (JsonNode item : Json.tree(r.body()).path("results")) {
      hits.add(
          new Hit(
              item.path("doc_id").asText(),
              item.path("title").asText(),
              Classification.fromWireName(item.path("classification").asText()).orElseThrow(),
              Float.parseFloat(item.path("score").decimalValue().toString()),
              item.path("snippet").asText()));
    }
    return hits;
  }

  /** The raw answer to a query: for properties that compare responses themselves. */
  public RawResponse query(Map<String, String> identity, String text, int topK) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", text);
    body.put("top_k", topK);
    return http.postJson("/query", identity, Json.write(body));
  }

  private static WriteOutcome forbiddenOrQuota(RawResponse r) {
    return switch (r.errorCode()) {
      case "forbidden" -> WriteOutcome.FORBIDDEN;
      case "quota_exceeded" -> WriteOutcome.QUOTA_EXCEEDED;
      default -> throw unexpected("a write", r);
    };
  }

  private static AssertionError unexpected(String call, RawResponse r) {
    String code = r.status() >= 400 ? " " + r.errorCode() : "";
    return new AssertionError(call + " answered " + r.status() + code);
  }
}
