package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.Credentials;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.Role;
import dev.retrievalgateway.testkit.Json;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JWT mode's identity rules as a client sees them: a bearer token in the {@code Authorization}
 * header only, the scheme name in any case, a challenge on every {@code 401}, the token never
 * echoed, and the {@code X-*} identity headers ignored (CONTRACT.md, "JWT mode"). The checks that
 * need the issuer's keys (algorithms, {@code kid}, claims) are the service's own tests; these need
 * only the target's token source. Skipped against a header-mode target.
 */
@ExtendWith(ContractExtension.class)
class JwtIdentityAcceptanceTest {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private Principal intern;
  private String token;

  @BeforeEach
  void jwtModeOnly(Api api) {
    assumeTrue(api.target().mode() == Credentials.AuthMode.JWT, "the target is in JWT mode");
    intern = api.principal("jwt", api.target().tenantA(), Role.INTERN);
    token = api.target().token(intern);
  }

  @Tag("claim:jwt-bearer-only")
  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "bearer", "BEARER"})
  void acceptsTheBearerSchemeNameInAnyCase(String scheme, Api api) {
    Response response =
        api.anonymous().header("Authorization", scheme + " " + token).get("/whoami");

    assertEquals(200, response.statusCode(), "scheme " + scheme);
    assertEquals(intern.tenant(), Json.tree(response.asByteArray()).path("tenant").asText());
  }

  @Test
  @Tag("claim:jwt-bearer-only")
  void challengesARequestWithoutATokenWithPlainBearer(Api api) {
    Response response = api.anonymous().get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertEquals("Bearer", response.header("WWW-Authenticate"));
  }

  @Test
  @Tag("claim:jwt-signature")
  void rejectsATokenWhosePayloadWasChanged(Api api) {
    String forged =
        withPayload(token, payload -> payload.put("sub", payload.path("sub").asText() + "x"));

    Response response = api.anonymous().header("Authorization", "Bearer " + forged).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertEquals("Bearer error=\"invalid_token\"", response.header("WWW-Authenticate"));
    Expect.noEcho(response, forged.substring(forged.lastIndexOf('.') + 1));
  }

  @Test
  @Tag("claim:jwt-no-none")
  void rejectsAnUnsignedToken(Api api) {
    String header =
        B64URL.encodeToString(
            "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String unsigned = header + "." + token.split("\\.")[1] + ".";

    Response response =
        api.anonymous().header("Authorization", "Bearer " + unsigned).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
  }

  @Test
  @Tag("claim:jwt-canonical-encoding")
  void rejectsATokenWithNonCanonicalBase64(Api api) {
    Response padded =
        api.anonymous().header("Authorization", "Bearer " + token + "=").get("/whoami");
    Response spaced =
        api.anonymous()
            .header("Authorization", "Bearer " + token.replaceFirst("\\.", ". "))
            .get("/whoami");

    Expect.error(padded, 401, "unauthenticated");
    Expect.error(spaced, 401, "unauthenticated");
  }

  @Tag("claim:jwt-bearer-only")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"two headers", "two credentials in one"})
  void rejectsTwoAuthorizationHeadersOrTwoCredentials(String twice, Api api) {
    String bearer = "Bearer " + token;
    Response response =
        twice.equals("two headers")
            ? api.anonymous()
                .header("Authorization", bearer)
                .header("Authorization", bearer)
                .get("/whoami")
            : api.anonymous().header("Authorization", bearer + ", " + bearer).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertEquals("Bearer error=\"invalid_token\"", response.header("WWW-Authenticate"));
  }

  @Tag("claim:jwt-bearer-only")
  @ParameterizedTest(name = "token in the {0}")
  @ValueSource(strings = {"query string", "cookie"})
  void neverReadsATokenFromTheUrlOrACookie(String where, Api api) {
    Response response =
        where.equals("cookie")
            ? api.anonymous().cookie("access_token", token).get("/whoami")
            : api.anonymous().queryParam("access_token", token).get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertEquals("Bearer", response.header("WWW-Authenticate"), "as if no token came");
  }

  @Test
  @Tag("claim:deny-by-default")
  @Tag("claim:jwt-bearer-only")
  void ignoresIdentityHeadersBesideAValidToken(Api api) {
    Response response =
        api.as(intern)
            .header("X-User", "someone-else")
            .header("X-Tenant", api.target().tenantB())
            .header("X-Role", "admin")
            .get("/whoami");

    assertEquals(200, response.statusCode());
    JsonNode whoami = Json.tree(response.asByteArray());
    assertEquals(intern.user(), whoami.path("user").asText());
    assertEquals(intern.tenant(), whoami.path("tenant").asText());
    assertEquals("intern", whoami.path("role").asText());
    assertEquals("jwt", whoami.path("auth_mode").asText());
  }

  @Test
  @Tag("claim:deny-by-default")
  @Tag("claim:jwt-bearer-only")
  void treatsIdentityHeadersAloneAsNoIdentity(Api api) {
    Response response =
        api.anonymous()
            .header("X-User", intern.user())
            .header("X-Tenant", intern.tenant())
            .header("X-Role", "admin")
            .get("/whoami");

    Expect.error(response, 401, "unauthenticated");
    assertEquals("Bearer", response.header("WWW-Authenticate"));
  }

  private static String withPayload(String jws, java.util.function.Consumer<ObjectNode> change) {
    String[] parts = jws.split("\\.");
    ObjectNode payload = (ObjectNode) Json.tree(B64URL_DECODER.decode(parts[1]));
    change.accept(payload);
    String encoded = B64URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    return parts[0] + "." + encoded + "." + parts[2];
  }
}
