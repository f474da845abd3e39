package dev.retrievalgateway.http;

import dev.retrievalgateway.access.AccessPolicy;
import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.Decision;
import dev.retrievalgateway.access.DenialReason;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.observe.AuditLog;
import dev.retrievalgateway.search.SearchableCorpus;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Documents of the caller's tenant: read at or below its clearance; ingest and delete for writer
 * roles. Another tenant's document, one above the caller's clearance, a missing one and an invalid
 * id all get the very same {@code 404}.
 *
 * <pre>
 * curl -s http://127.0.0.1:8000/documents/a-pub-001 -H 'X-User: demo' -H 'X-Tenant: tenant-a' -H 'X-Role: intern'
 * curl -s -X POST http://127.0.0.1:8000/documents -H 'Content-Type: application/json' \
 *   -H 'X-User: ops' -H 'X-Tenant: tenant-a' -H 'X-Role: admin' \
 *   -d '{"title":"Runbook","body":"Restart the indexer first.","classification":"internal"}'
 * </pre>
 */
final class DocumentService implements HttpService {
  static final int MAX_DOC_ID = 64;
  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 100_000;

  /**
   * 1 to {@value #MAX_DOC_ID} characters of the id alphabet, but not a dot segment: {@code
   * Location: /documents/..} would resolve to {@code /} (RFC 3986 §5.2.4), and {@code .} to the
   * collection.
   */
  static final Pattern DOC_ID =
      Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]{1," + MAX_DOC_ID + "}");

  static final String DOC_ID_RULE =
      "doc_id must be "
          + RequestBody.range(1, MAX_DOC_ID)
          + " characters of [A-Za-z0-9._-], and neither . nor ..";
  private static final Set<String> FIELDS = Set.of("doc_id", "title", "body", "classification");
  private static final String ITEM = "/documents/{doc_id}";
  private static final String COLLECTION = "/documents";

  private final IdentityGate gate;
  private final SearchableCorpus corpus;
  private final AccessPolicy policy;

  DocumentService(IdentityGate gate, SearchableCorpus corpus, AccessPolicy policy) {
    this.gate = gate;
    this.corpus = corpus;
    this.policy = policy;
  }

  @Override
  public void routing(HttpRules rules) {
    Routes.path(rules, COLLECTION, Routes.post(gate.guard(COLLECTION, this::ingest)));
    Routes.path(
        rules,
        ITEM,
        Routes.get(gate.guard(ITEM, this::read)),
        Routes.delete(gate.guard(ITEM, this::delete)));
  }

  private void read(ServerRequest req, ServerResponse res, Principal principal) {
    String docId = req.path().pathParameters().get("doc_id");
    SearchableCorpus.Lookup found = lookup(principal, docId);
    if (!(found instanceof SearchableCorpus.Lookup.Readable readable)) {
      throw notFound(req, found);
    }
    Document doc = readable.document();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("doc_id", doc.docId());
    body.put("title", doc.title());
    body.put("body", doc.body());
    body.put("classification", doc.classification().wireName());
    Responses.json(res, body);
  }

  private void ingest(ServerRequest req, ServerResponse res, Principal principal) {
    requireWriter(req, principal);
    RequestBody body = RequestBody.read(req, FIELDS);
    String docId =
        body.optionalMatching("doc_id", DOC_ID, DOC_ID_RULE + ".")
            .orElseGet(() -> UUID.randomUUID().toString());
    String title = body.text("title", 1, MAX_TITLE);
    String text = body.text("body", 1, MAX_BODY);
    String rule = "classification must be public, internal, confidential or restricted.";
    Classification classification =
        Classification.fromWireName(body.text("classification", 1, 32, rule))
            .orElseThrow(() -> ApiException.of(ErrorCode.BAD_REQUEST, rule));

    AddResult result =
        corpus.add(principal.tenant(), new Document(docId, title, text, classification));
    switch (result) {
      case CONFLICT -> throw ApiException.of(ErrorCode.CONFLICT);
      case QUOTA_EXCEEDED -> throw ApiException.of(ErrorCode.QUOTA_EXCEEDED);
      case STORE_FULL -> throw ApiException.of(ErrorCode.STORE_FULL);
      case ADDED -> {
        res.header(HeaderNames.LOCATION, COLLECTION + "/" + docId);
        Responses.json(res, Status.CREATED_201, Map.of("doc_id", docId));
      }
    }
  }

  private void delete(ServerRequest req, ServerResponse res, Principal principal) {
    requireWriter(req, principal);
    String docId = req.path().pathParameters().get("doc_id");
    SearchableCorpus.Lookup found = lookup(principal, docId);
    boolean deleted =
        found instanceof SearchableCorpus.Lookup.Readable
            && corpus.remove(principal.tenant(), docId, principal.role().clearance())
                == SearchableCorpus.DeleteResult.DELETED;
    if (!deleted) {
      throw notFound(req, found);
    }
    res.status(Status.NO_CONTENT_204);
    res.send();
  }

  private void requireWriter(ServerRequest req, Principal principal) {
    Decision decision = policy.write(principal.role());
    if (!decision.allowed()) {
      RequestContext ctx = RequestContext.of(req);
      AuditLog.accessDenied(
          ctx.ids(), DenialReason.NOT_WRITER.wireName(), ctx.route, ctx.who(), null);
      throw ApiException.of(ErrorCode.FORBIDDEN);
    }
  }

  /** One store read, whatever the id names: an invalid id is looked up as absent. */
  private SearchableCorpus.Lookup lookup(Principal principal, String docId) {
    return validId(docId)
        ? corpus.lookup(principal.tenant(), docId, principal.role().clearance())
        : new SearchableCorpus.Lookup.Absent();
  }

  /**
   * The one 404; a document of the caller's tenant above its clearance is also audited, in the
   * background, so that writing the event does not make this 404 slower than an absent id's.
   */
  private ApiException notFound(ServerRequest req, SearchableCorpus.Lookup found) {
    if (found instanceof SearchableCorpus.Lookup.AboveClearance) {
      RequestContext ctx = RequestContext.of(req);
      AuditLog.accessDeniedInBackground(
          ctx.ids(), DenialReason.CLEARANCE.wireName(), ctx.route, ctx.who());
    }
    return ApiException.of(ErrorCode.NOT_FOUND);
  }

  private static boolean validId(String docId) {
    return docId != null && DOC_ID.matcher(docId).matches();
  }
}
