package dev.retrievalgateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.http.GatewayRouting;
import dev.retrievalgateway.lambda.testsupport.TestContext;
import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.HttpApiEvents;
import dev.retrievalgateway.testkit.LogCapture;
import dev.retrievalgateway.testkit.RunningGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Lambda handler in front of a real gateway: what the contract suite, which runs against the
 * Lambda zip under emulation ({@code localstack-it}) for the routes, answers and envelope, cannot
 * see: the opt-in header mode needs, the fields the adapter is trusted with and nothing else, and
 * what reaches the log.
 */
class ApiGatewayHandlerAcceptanceTest {

  private static ApiGatewayHandler handler(String... overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(LambdaSettings.INSECURE_HEADER_MODE, "true");
    for (int i = 0; i < overrides.length; i += 2) {
      settings.put(overrides[i], overrides[i + 1]);
    }
    return new ApiGatewayHandler(RunningGateway.config(settings));
  }

  private static APIGatewayV2HTTPResponse invoke(
      ApiGatewayHandler handler, APIGatewayV2HTTPEvent e) {
    return handler.handleRequest(e, new TestContext("aws-" + System.nanoTime()));
  }

  @Test
  @Tag("claim:deny-by-default")
  @Tag("claim:config-fail-fast")
  void refusesHeaderModeWithoutTheInsecureOptIn() {
    try (LogCapture logs = LogCapture.attach()) {

      ConfigException refusal =
          assertThrows(
              ConfigException.class, () -> new ApiGatewayHandler(RunningGateway.config(Map.of())));

      assertEquals(LambdaSettings.INSECURE_HEADER_MODE, refusal.key());
      List<JsonNode> failed = logs.events("startup_failed");
      assertEquals(1, failed.size());
      assertEquals(LambdaSettings.INSECURE_HEADER_MODE, failed.get(0).path("key").asText());
    }
  }

  @Test
  @Tag("claim:throttling")
  void throttlesUnauthenticatedRequestsBySourceIpNotByAHeaderTheClientSent() {
    try (ApiGatewayHandler handler =
        handler("gateway.throttle.rate", "1", "gateway.throttle.burst", "1")) {
      String forged = GatewayRouting.ADAPTER_REQUEST_CONTEXT;

      int first = invoke(handler, whoami("198.51.100.1").build()).getStatusCode();
      int again = invoke(handler, whoami("198.51.100.1").build()).getStatusCode();
      int other = invoke(handler, whoami("198.51.100.2").build()).getStatusCode();
      int forging =
          invoke(
                  handler,
                  whoami("198.51.100.3")
                      .header(forged, "{\"http\":{\"sourceIp\":\"198.51.100.1\"}}")
                      .build())
              .getStatusCode();

      assertEquals(List.of(401, 429, 401, 401), List.of(first, again, other, forging));
    }
  }

  @Test
  @Tag("claim:request-ids")
  void logsTheLambdaAndApiGatewayRequestIdsOnTheRequestEvent() {
    try (ApiGatewayHandler handler = handler();
        LogCapture logs = LogCapture.attach()) {
      APIGatewayV2HTTPEvent event = HttpApiEvents.get("/health").requestId("apigw-req-7").build();

      APIGatewayV2HTTPResponse response =
          handler.handleRequest(event, new TestContext("aws-req-7"));

      String requestId = response.getHeaders().get("x-request-id");
      JsonNode request = logs.awaitEvent("request", requestId);
      assertEquals(1, logs.events("request", requestId).size());
      assertEquals("aws-req-7", request.path("aws_request_id").asText());
      assertEquals("apigw-req-7", request.path("apigw_request_id").asText());
    }
  }

  @Test
  @Tag("claim:no-secrets-in-logs")
  void neverLogsTheQueryTextOrTheIdentityOfARequestThroughTheAdapter() {
    String canary = "canary" + Long.toHexString(System.nanoTime());
    try (ApiGatewayHandler handler = handler();
        LogCapture logs = LogCapture.attach()) {
      APIGatewayV2HTTPEvent event =
          HttpApiEvents.request("POST", "/query")
              .header("content-type", "application/json")
              .header("x-user", "alice")
              .header("x-tenant", "tenant-a")
              .header("x-role", "analyst")
              .header("authorization", "Bearer " + canary)
              .body("{\"query\":\"" + canary + "\"}")
              .build();

      APIGatewayV2HTTPResponse response = invoke(handler, event);

      assertEquals(200, response.getStatusCode());
      assertFalse(logs.text().contains(canary));
    }
  }

  @Test
  @Tag("claim:deny-by-default")
  void ignoresTheAdapterHeadersOnThePublicListener() {
    try (RunningGateway gateway =
        RunningGateway.builder()
            .with("gateway.throttle.rate", "1")
            .with("gateway.throttle.burst", "1")
            .start()) {
      Http http = new Http(gateway.baseUri());

      int first = http.get("/whoami", claimingSourceIp("198.51.100.1")).status();
      int second = http.get("/whoami", claimingSourceIp("198.51.100.2")).status();

      assertEquals(List.of(401, 429), List.of(first, second));
    }
  }

  private static HttpApiEvents whoami(String sourceIp) {
    return HttpApiEvents.get("/whoami").sourceIp(sourceIp);
  }

  private static Map<String, String> claimingSourceIp(String ip) {
    return Map.of(
        GatewayRouting.ADAPTER_REQUEST_CONTEXT, "{\"http\":{\"sourceIp\":\"" + ip + "\"}}");
  }
}
