package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Credentials;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Json;
import dev.retrievalgateway.contract.testsupport.RawHttp;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header mode's identity rules: {@code X-User}, {@code X-Tenant}, {@code X-Role}, taken exactly;
 * anything missing, empty, repeated or malformed is {@code 401}, never repaired (CONTRACT.md,
 * "Header mode"). Skipped against a JWT-mode target.
 */
@ExtendWith(ContractExtension.class)
class HeaderIdentityAcceptanceTest {
  private static final List<String> NAMES = List.of("X-User", "X-Tenant", "X-Role");

  private Map<String, String> valid;

  @BeforeEach
  void headerModeOnly(Api api) {
    assumeTrue(api.target().mode() == Credentials.AuthMode.HEADER, "the target is in header mode");
    valid = new LinkedHashMap<>();
    valid.put("X-User", "ct-identity-user");
    valid.put("X-Tenant", api.target().tenantA());
    valid.put("X-Role", "intern");
  }

  @Test
  void acceptsIdentityHeaderNamesInAnyCase(Api api) {
    Response response =
        api.anonymous()
            .header("x-user", valid.get("X-User"))
            .header("X-TENANT", valid.get("X-Tenant"))
            .header("x-RoLe", "intern")
            .get("/whoami");

    assertEquals(200, response.statusCode());
    assertEquals(valid.get("X-User"), Json.tree(response.asByteArray()).path("user").asText());
  }

  @Test
  void rejectsARequestMissingAnyIdentityHeader(Api api) {
    for (String missing : NAMES) {
      Map<String, String> headers = new LinkedHashMap<>(valid);
      headers.remove(missing);

      Response response = api.anonymous().headers(headers).get("/whoami");

      Expect.error(response, 401, "unauthenticated");
    }
  }

  @Test
  void rejectsAnEmptyIdentityHeader(Api api) {
    for (String name : NAMES) {
      Map<String, String> headers = new LinkedHashMap<>(valid);
      headers.put(name, "");

      Response response = api.anonymous().headers(headers).get("/whoami");

      Expect.error(response, 401, "unauthenticated");
    }
  }

  @Test
  void rejectsARepeatedIdentityHeaderEvenWithTheSameValue(Api api) {
    for (String name : NAMES) {
      RequestSpecification request = api.anonymous().headers(valid);

      Response response = request.header(name, valid.get(name)).get("/whoami");

      Expect.error(response, 401, "unauthenticated");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Alice", "al ice", "-alice", ".alice", "alice!", "alice/x", "ALICE"})
  void rejectsAMalformedUserOrTenantRatherThanRepairingIt(String name, Api api) {
    for (String header : List.of("X-User", "X-Tenant")) {
      Map<String, String> headers = new LinkedHashMap<>(valid);
      headers.put(header, name);

      Response response = api.anonymous().headers(headers).get("/whoami");

      Expect.error(response, 401, "unauthenticated");
    }
  }

  @Test
  void rejectsAUserOrTenantOfMoreThan64Characters(Api api) {
    Map<String, String> at64 = new LinkedHashMap<>(valid);
    at64.put("X-User", "u".repeat(64));
    at64.put("X-Tenant", "t".repeat(64));
    Map<String, String> userAt65 = new LinkedHashMap<>(at64);
    userAt65.put("X-User", "u".repeat(65));
    Map<String, String> tenantAt65 = new LinkedHashMap<>(at64);
    tenantAt65.put("X-Tenant", "t".repeat(65));

    assertEquals(200, api.anonymous().headers(at64).get("/whoami").statusCode(), "64 is allowed");
    Expect.error(api.anonymous().headers(userAt65).get("/whoami"), 401, "unauthenticated");
    Expect.error(api.anonymous().headers(tenantAt65).get("/whoami"), 401, "unauthenticated");
  }

  @Test
  void rejectsNonAsciiBytesInAnIdentityHeader(Api api) {
    RawHttp raw = api.raw();
    String block =
        raw.headerBlock(Map.of("X-Tenant", valid.get("X-Tenant"), "X-Role", "intern"), -1)
            + "X-User: \u00e5lice\r\n";

    RawHttp.RawResponse response = raw.send("GET", raw.target("/whoami"), block, null);

    Expect.error(response, 401, "unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Intern", "INTERN", "root", "superuser", "intern,admin", "admin intern"})
  void rejectsARoleThatIsNotExactlyAConfiguredOne(String role, Api api) {
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.put("X-Role", role);

    Response response = api.anonymous().headers(headers).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
  }

  @Test
  void sendsNoChallengeAndEchoesNoIdentityInHeaderMode(Api api) {
    String planted = "CanaryUser" + api.target().runId();
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.put("X-User", planted);

    Response response = api.anonymous().headers(headers).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertNull(response.header("WWW-Authenticate"), "header mode has no challenge scheme");
    Expect.noEcho(response, planted);
  }
}
