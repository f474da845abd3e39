package dev.retrievalgateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.search.SearchableCorpus;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;

/**
 * Retrieval over the caller's tenant, at or below its clearance. The query is plain text.
 *
 * <pre>
 * curl -s http://127.0.0.1:8000/query -H 'Content-Type: application/json' \
 *   -H 'X-User: demo' -H 'X-Tenant: tenant-a' -H 'X-Role: analyst' \
 *   -d '{"query":"quarterly revenue forecast","top_k":3}'
 * </pre>
 */
final class QueryService implements HttpService {
  static final int MAX_QUERY = 1024;
  static final int MAX_TOP_K = 50;
  static final int DEFAULT_TOP_K = 5;
  private static final Set<String> FIELDS = Set.of("query", "top_k");

  private final IdentityGate gate;
  private final SearchableCorpus corpus;

  QueryService(IdentityGate gate, SearchableCorpus corpus) {
    this.gate = gate;
    this.corpus = corpus;
  }

  @Override
  public void routing(HttpRules rules) {
    Routes.path(rules, "/query", Routes.post(gate.guard("/query", this::query)));
  }

  private void query(ServerRequest req, ServerResponse res, Principal principal) {
    RequestBody body = RequestBody.read(req, FIELDS);
    String text = body.text("query", 1, MAX_QUERY);
    int topK = body.integer("top_k", 1, MAX_TOP_K, DEFAULT_TOP_K);

    List<SearchableCorpus.Result> results =
        corpus.query(principal.tenant(), principal.role().clearance(), text, topK);

    ObjectNode out = Json.newObject();
    ArrayNode items = out.putArray("results");
    for (SearchableCorpus.Result r : results) {
      ObjectNode item = items.addObject();
      item.put("doc_id", r.document().docId());
      item.put("title", r.document().title());
      item.put("snippet", r.snippet());
      item.put("score", r.score());
      item.put("classification", r.document().classification().wireName());
    }
    out.put("count", results.size());
    Responses.json(res, out);
  }
}
