package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Credentials;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.RawHttp;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header mode's identity rules: {@code X-User}, {@code X-Tenant}, {@code X-Role}, taken exactly;
 * anything missing, empty, repeated or malformed is {@code 401}, never repaired (CONTRACT.md,
 * "Header mode"). Skipped against a JWT-mode target.
 */
@ExtendWith(ContractExtension.class)
@Tag("claim:deny-by-default")
class HeaderIdentityAcceptanceTest {
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

  @ParameterizedTest
  @ValueSource(strings = {"X-User", "X-Tenant", "X-Role"})
  void rejectsARequestMissingAnyIdentityHeader(String missing, Api api) {
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.remove(missing);

    Response response = api.anonymous().headers(headers).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-User", "X-Tenant", "X-Role"})
  void rejectsAnEmptyIdentityHeader(String name, Api api) {
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.put(name, "");

    Response response = api.anonymous().headers(headers).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-User", "X-Tenant", "X-Role"})
  void rejectsARepeatedIdentityHeaderEvenWithTheSameValue(String name, Api api) {
    RequestSpecification request = api.anonymous().headers(valid);

    Response response = request.header(name, valid.get(name)).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "X-User|Alice", "X-User|al ice", "X-User|-alice", "X-User|.alice", "X-User|alice!",
        "X-User|alice/x", "X-User|ALICE", "X-Tenant|Alice", "X-Tenant|al ice", "X-Tenant|-alice",
        "X-Tenant|.alice", "X-Tenant|alice!", "X-Tenant|alice/x", "X-Tenant|ALICE",
            "X-User|al\tice",
        "X-Tenant|al\tice"
      },
      ignoreLeadingAndTrailingWhitespace = false)
  void rejectsAMalformedUserOrTenantRatherThanRepairingIt(String header, String name, Api api) {
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.put(header, name);

    Response response = api.anonymous().headers(headers).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
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

    Expect.each(
        Map.of(
            "64 characters each",
            () -> assertEquals(200, api.anonymous().headers(at64).get("/whoami").statusCode()),
            "a user of 65",
            () ->
                Expect.error(
                    api.anonymous().headers(userAt65).get("/whoami"), 401, "unauthenticated"),
            "a tenant of 65",
            () ->
                Expect.error(
                    api.anonymous().headers(tenantAt65).get("/whoami"), 401, "unauthenticated")));
  }

  /** Non-ASCII user names as the bytes a client would send: Latin-1, and UTF-8 (two scripts). */
  @ParameterizedTest
  @ValueSource(strings = {"\u00e5lice", "UTF-8:d\u00e9mo", "UTF-8:d\u0435\u043c\u043e"})
  void rejectsNonAsciiBytesInAnIdentityHeader(String user, Api api) {
    RawHttp raw = api.raw();
    // The raw client writes the header block as ISO-8859-1: UTF-8 bytes go out as their Latin-1
    // reading.
    String value =
        user.startsWith("UTF-8:")
            ? new String(
                user.substring(6).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
            : user;
    String block =
        raw.headerBlock(Map.of("X-Tenant", valid.get("X-Tenant"), "X-Role", "intern"), -1)
            + "X-User: "
            + value
            + "\r\n";

    RawResponse response = raw.send("GET", raw.target("/whoami"), block, null);

    Expect.error(response, 401, "unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Intern",
        "INTERN",
        "in tern",
        "root",
        "superuser",
        "intern,admin",
        "admin intern"
      })
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
