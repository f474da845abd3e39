package dev.retrievalgateway.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness, for anyone: the version, and nothing about tenants or documents.
 *
 * <pre>
 * curl -s http://127.0.0.1:8000/health
 * </pre>
 */
final class HealthService implements HttpService {
  private final Map<String, String> body;

  HealthService(String version) {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("status", "ok");
    b.put("version", version);
    this.body = Map.copyOf(b);
  }

  @Override
  public void routing(HttpRules rules) {
    Routes.path(
        rules,
        "/health",
        Routes.get(Routes.named("/health", (req, res) -> Responses.json(res, ordered()))));
  }

  private Map<String, String> ordered() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("status", body.get("status"));
    b.put("version", body.get("version"));
    return b;
  }
}
