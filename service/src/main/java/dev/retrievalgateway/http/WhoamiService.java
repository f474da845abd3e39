package dev.retrievalgateway.http;

import dev.retrievalgateway.config.AuthMode;
import dev.retrievalgateway.identity.Principal;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller's principal as the gateway sees it.
 *
 * <pre>
 * curl -s http://127.0.0.1:8000/whoami -H 'X-User: demo' -H 'X-Tenant: tenant-a' -H 'X-Role: intern'
 * </pre>
 */
final class WhoamiService implements HttpService {
  private final IdentityGate gate;
  private final AuthMode mode;

  WhoamiService(IdentityGate gate, AuthMode mode) {
    this.gate = gate;
    this.mode = mode;
  }

  @Override
  public void routing(HttpRules rules) {
    Routes.path(
        rules,
        "/whoami",
        Routes.get(gate.guard("/whoami", (req, res, p) -> Responses.json(res, body(p)))));
  }

  private Map<String, String> body(Principal p) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("user", p.user());
    body.put("tenant", p.tenant().name());
    body.put("role", p.role().name());
    body.put("clearance", p.role().clearance().wireName());
    body.put("auth_mode", mode.wireName());
    return body;
  }
}
