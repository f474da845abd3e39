package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.RawHttp;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request and trace ids: a fresh UUID per request, the caller's trace id only when it is well
 * formed, otherwise the request id; on every response, errors and the HTTP layer's own included
 * (CONTRACT.md, "Every response").
 */
@ExtendWith(ContractExtension.class)
@Tag("claim:request-ids")
class RequestIdsAcceptanceTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

  @Test
  void givesEveryRequestAFreshUuid(Api api) {
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 5; i++) {
      Response response = api.anonymous().get("/health");
      Expect.commonHeaders(response);
      ids.add(response.header("X-Request-Id"));
    }

    assertEquals(5, ids.size(), "no request id repeats");
  }

  @Test
  void usesTheRequestIdAsTraceIdWhenTheCallerSendsNone(Api api) {
    Principal intern = api.principal("ids", api.target().tenantA(), Role.INTERN);
    Map<String, Response> responses = new LinkedHashMap<>();
    responses.put("GET /health", api.anonymous().get("/health"));
    responses.put("GET /whoami", api.as(intern).get("/whoami"));
    responses.put("GET /whoami without identity", api.anonymous().get("/whoami"));
    responses.put("GET /nope", api.anonymous().get("/nope"));

    Expect.each(
        responses.entrySet(),
        Map.Entry::getKey,
        r ->
            assertEquals(
                r.getValue().header("X-Request-Id"),
                r.getValue().header("X-Trace-Id"),
                "trace id aliases request id"));
  }

  static Stream<String> wellFormedTraceIds() {
    return Stream.of("a", ALPHABET, ALPHABET.repeat(2).substring(0, 128), "00-abc.def_ghi-01");
  }

  @ParameterizedTest
  @MethodSource("wellFormedTraceIds")
  void echoesAWellFormedTraceIdOfUpTo128Characters(String traceId, Api api) {
    Principal intern = api.principal("ids", api.target().tenantA(), Role.INTERN);

    Response ok = api.as(intern).header("X-Trace-Id", traceId).get("/whoami");
    Response error = api.anonymous().header("X-Trace-Id", traceId).get("/whoami");

    assertEquals(traceId, ok.header("X-Trace-Id"));
    assertEquals(traceId, error.header("X-Trace-Id"), "on errors too");
    assertNotEquals(
        traceId, ok.header("X-Request-Id"), "the request id is still the gateway's own");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "has space",
        "slash/inside",
        "semi;colon",
        "quote\"",
        "comma,separated",
        "colon:x",
        "equals=1",
        "brace{}",
        "percent%41",
        "plus+x",
        "star*",
        "caf\u00e9"
      })
  void replacesAMalformedTraceIdWithTheRequestIdAndNeverEchoesIt(String traceId, Api api) {
    RawHttp raw = api.raw();

    RawResponse response =
        raw.send("GET", raw.target("/health"), Map.of("X-Trace-Id", traceId), null);

    assertEquals(200, response.status());
    assertEquals(
        response.header("X-Request-Id").orElseThrow(), response.header("X-Trace-Id").orElseThrow());
    Expect.noEcho(response, traceId);
  }

  @Test
  void replacesATraceIdOf129CharactersOrAnEmptyOne(Api api) {
    String tooLong = ALPHABET.repeat(3).substring(0, 129);

    Response long129 = api.anonymous().header("X-Trace-Id", tooLong).get("/health");
    Response empty = api.anonymous().header("X-Trace-Id", "").get("/health");

    assertEquals(long129.header("X-Request-Id"), long129.header("X-Trace-Id"));
    Expect.noEcho(long129, tooLong);
    assertEquals(empty.header("X-Request-Id"), empty.header("X-Trace-Id"));
  }

  @Test
  void echoesNeitherOfTwoTraceIds(Api api) {
    Response response =
        api.anonymous()
            .header("X-Trace-Id", "first-trace")
            .header("X-Trace-Id", "second-trace")
            .get("/health");

    assertEquals(response.header("X-Request-Id"), response.header("X-Trace-Id"));
  }

  @Test
  void carriesTheIdsOnTheHttpLayersOwnErrors(Api api) {
    RawHttp raw = api.raw();

    RawResponse uriTooLong =
        raw.send(
            "GET", raw.target("/" + "x".repeat(9000)), Map.of("X-Trace-Id", "trace-414"), null);
    RawResponse headersTooLarge =
        raw.send(
            "GET",
            raw.target("/health"),
            Map.of("X-Trace-Id", "trace-431", "X-Pad", "p".repeat(17_000)),
            null);
    Map<String, RawResponse> responses = new LinkedHashMap<>();
    responses.put("414", uriTooLong);
    responses.put("431", headersTooLarge);
    if (!api.target().apiGatewayFront()) {
      // Behind API Gateway a malformed request never reaches the gateway: API Gateway answers it.
      responses.put(
          "400",
          raw.sendBytes(
              ("GARBAGE\r\nHost: x\r\nX-Trace-Id: trace-400\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII)));
    }

    Expect.each(
        responses.entrySet(),
        Map.Entry::getKey,
        entry -> {
          RawResponse response = entry.getValue();
          Expect.commonHeaders(response);
          String requestId = response.header("X-Request-Id").orElseThrow();
          assertEquals(
              requestId, response.json().path("request_id").asText(), "request_id is X-Request-Id");
          String traceId = response.header("X-Trace-Id").orElseThrow();
          assertTrue(
              traceId.equals(requestId) || traceId.startsWith("trace-4"),
              "the caller's trace id or the request id");
        });
  }

  @Test
  void putsTheRequestIdOfEveryErrorIntoItsBody(Api api) {
    Principal intern = api.principal("ids", api.target().tenantA(), Role.INTERN);
    Map<String, Response> errors = new LinkedHashMap<>();
    errors.put("401", api.anonymous().get("/whoami"));
    errors.put("404", api.anonymous().get("/nope"));
    errors.put("405", api.anonymous().post("/health"));
    errors.put("400", api.postJson(intern, "/query", Json.object("query", "")));

    Expect.each(
        errors.entrySet(),
        Map.Entry::getKey,
        e ->
            assertEquals(
                e.getValue().header("X-Request-Id"),
                Json.tree(e.getValue().asByteArray()).path("request_id").asText()));
  }
}
