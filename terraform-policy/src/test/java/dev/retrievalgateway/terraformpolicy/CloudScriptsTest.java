package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.retrievalgateway.testkit.RunningGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runbook's cloud scripts against moto_server (Cognito, SSM, CloudWatch Logs, STS): what can
 * run without an AWS account. deploy-dev and destroy-dev need Terraform providers, which cannot be
 * downloaded here, so only their argument checks run.
 */
class CloudScriptsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "eu-west-1";
  @RegisterExtension static final MotoServer moto = new MotoServer();

  @TempDir static Path scratch;

  private static void assumeMoto() {
    Scripts.assumeTool("aws");
    Scripts.assumeTool("moto_server");
    Scripts.assumeTool("python3");
    assumeTrue(
        Scripts.run(List.of("python3", "-c", "import boto3"), Map.of("PATH", System.getenv("PATH")))
                .exit()
            == 0,
        "python3 has no boto3 (needed to seed moto_server): skipped");
  }

  private static Map<String, String> env(String prefix) {
    Map<String, String> env = Scripts.awsEnv(scratch.resolve(prefix));
    env.put("AWS_REGION", REGION);
    env.put("ENV_PREFIX", prefix);
    env.put("AWS_ENDPOINT_URL", moto.endpoint());
    return env;
  }

  private static Path resource(String name) throws IOException {
    Path target = scratch.resolve(name);
    if (!Files.exists(target)) {
      Files.writeString(target, Repo.resource(name));
    }
    return target;
  }

  private static Scripts.Result fixture(Map<String, String> env, String what, String arg)
      throws IOException {
    Scripts.Result r =
        Scripts.run(
            List.of(
                "python3",
                resource("moto-fixture.py").toString(),
                moto.endpoint(),
                REGION,
                what,
                arg),
            env);
    assertEquals(0, r.exit(), "fixture: " + r);
    return r;
  }

  @Test
  @DisplayName(
      "smoke-cloud gets Cognito ID tokens for the demo users and runs verify.py in JWT mode")
  void smokeCloudRunsVerifyWithCognitoTokens() throws IOException {
    assumeMoto();
    Map<String, String> env = env("rg-smoke");
    Path outputs = scratch.resolve("outputs.json");
    Files.writeString(outputs, fixture(env, "cognito", "rg-smoke").stdout());
    Path report = scratch.resolve("report/verify.json");
    env.put("SMOKE_OUTPUTS_FILE", outputs.toString());
    env.put("VERIFY_PY", resource("verify-stub.py").toString());
    env.put("SMOKE_REPORT", report.toString());
    env.put("SMOKE_PERSISTENCE", "0"); // the API is a dead port here: the token plumbing only

    Scripts.Result r = Scripts.script("smoke-cloud", env);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(
        r.stdout().contains("verify.py in JWT mode against http://127.0.0.1:9"), r.toString());
    assertFalse(r.all().contains("eyJ"), "a token reached the terminal:\n" + r);

    JsonNode out = JSON.readTree(outputs.toFile());
    JsonNode got = JSON.readTree(report.toFile());
    assertEquals("jwt", got.path("mode").asText());
    assertEquals("http://127.0.0.1:9", got.path("base_url").asText());
    String client = out.at("/app_client_id/value").asText();
    // Each principal verify.py asked for got an ID token of the right tenant and role.
    Map<String, List<String>> expected =
        Map.of(
            "demo|tenant-a|intern", List.of("tenant-a", "intern", "demo-intern-a"),
            "demo-analyst-b|tenant-b|analyst", List.of("tenant-b", "analyst", "demo-analyst-b"));
    assertEquals(expected.size(), got.path("principals").size(), got.toString());
    expected.forEach(
        (key, want) -> {
          JsonNode claims = got.path("principals").path(key);
          assertEquals(want.get(0), claims.path("custom:tenant").asText(), key);
          assertEquals(want.get(1), claims.path("custom:role").asText(), key);
          assertEquals(want.get(2), claims.path("cognito:username").asText(), key);
          assertEquals(
              client, claims.path("aud").asText(), key + ": the audience the gateway expects");
          assertEquals("id", claims.path("token_use").asText(), key);
        });
  }

  /** Stack outputs naming a local gateway as the API, for the persistence check. */
  private static Path outputsFor(URI api, String name) throws IOException {
    Path outputs = scratch.resolve(name);
    Files.writeString(
        outputs,
        JSON.writeValueAsString(
            Map.of(
                "api_url", Map.of("value", api.toString()),
                "user_pool_id", Map.of("value", "unused"),
                "app_client_id", Map.of("value", "unused"),
                "demo_password_parameter_prefix", Map.of("value", "/unused/"),
                "demo_users",
                    Map.of(
                        "value",
                        Map.of("demo-admin-a", Map.of("tenant", "tenant-a", "role", "admin"))),
                "store", Map.of("value", "memory"))));
    return outputs;
  }

  private static Map<String, String> persistenceEnv(String prefix, URI api) throws IOException {
    Map<String, String> env = env(prefix);
    env.put("SMOKE_OUTPUTS_FILE", outputsFor(api, prefix + "-outputs.json").toString());
    env.put("VERIFY_PY", resource("verify-noop.py").toString());
    env.put("SMOKE_REPORT", scratch.resolve(prefix + "/verify.json").toString());
    // The local gateways run in header mode; the deployed one in JWT mode with Cognito tokens.
    env.put("SMOKE_HEADER_IDENTITY", "1");
    return env;
  }

  @Test
  @DisplayName(
      "smoke-cloud's persistence check writes, reads back on later requests and deletes, on a real gateway")
  void persistenceCheckPassesOnOneSharedStore() throws Exception {
    assumeMoto();
    try (RunningGateway gateway = RunningGateway.builder().start()) {
      Scripts.Result r =
          Scripts.script("smoke-cloud", persistenceEnv("rg-persist", gateway.baseUri()));
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.stdout().contains("persistence ok"), r.toString());
      Matcher run = Pattern.compile("\\(run ([0-9a-f]{12})\\)").matcher(r.stdout());
      assertTrue(run.find(), r.toString());
      // Nothing is left behind: each document the check wrote is gone.
      for (int n = 0; n < 3; n++) {
        HttpResponse<Void> get =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            gateway.uri("/documents/smoke-" + run.group(1) + "-" + n))
                        .header("X-User", "demo-admin-a")
                        .header("X-Tenant", "tenant-a")
                        .header("X-Role", "admin")
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
        assertEquals(404, get.statusCode(), "document " + n + " is left behind");
      }
    }
  }

  @Test
  @DisplayName(
      "smoke-cloud's persistence check fails when later requests reach an instance without the write")
  void persistenceCheckFailsOnTwoSeparateMemoryStores() throws Exception {
    assumeMoto();
    try (RunningGateway a = RunningGateway.builder().start();
        RunningGateway b = RunningGateway.builder().start();
        RoundRobinProxy api = RoundRobinProxy.over(a.baseUri(), b.baseUri())) {
      Map<String, String> env = persistenceEnv("rg-split", api.uri());
      env.put("SMOKE_VISIBLE_WITHIN", "2");
      Scripts.Result r = Scripts.script("smoke-cloud", env);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.stderr().contains("never all appeared"), r.toString());
      assertFalse(r.stdout().contains("persistence ok"), r.toString());
    }
  }

  /**
   * Two function instances with their own memory store behind one API: each request goes to the
   * next one in turn, which is what a lifted concurrency limit does to the memory store.
   */
  private record RoundRobinProxy(HttpServer server) implements AutoCloseable {
    static RoundRobinProxy over(URI... backends) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicInteger next = new AtomicInteger();
      HttpClient client = HttpClient.newHttpClient();
      server.createContext(
          "/",
          exchange -> {
            URI backend = backends[Math.floorMod(next.getAndIncrement(), backends.length)];
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward =
                HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
                    .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("X-User", "X-Tenant", "X-Role", "Content-Type")) {
              String value = exchange.getRequestHeaders().getFirst(name);
              if (value != null) {
                forward.header(name, value);
              }
            }
            try {
              HttpResponse<byte[]> answer =
                  client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
              answer
                  .headers()
                  .firstValue("Content-Type")
                  .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
              byte[] out = answer.body();
              exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
              exchange.getResponseBody().write(out);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              exchange.sendResponseHeaders(502, -1);
            } finally {
              exchange.close();
            }
          });
      server.start();
      return new RoundRobinProxy(server);
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  @DisplayName("cognito-id-token refuses a (tenant, role) without a demo user, in one line")
  void tokenForUnknownPrincipalIsRefused() {
    assumeMoto();
    Map<String, String> env = env("rg-unknown");
    // Refused before any AWS call: no pool is needed.
    env.put("SMOKE_USER_POOL_ID", "eu-west-1_unused");
    env.put("SMOKE_CLIENT_ID", "unused");
    env.put("SMOKE_PASSWORD_PREFIX", "/rg-unknown/demo-users/");
    env.put("SMOKE_DEMO_USERS", "{\"demo-admin-a\":{\"tenant\":\"tenant-a\",\"role\":\"admin\"}}");
    Scripts.Result r = Scripts.script("cognito-id-token", env, "someone", "tenant-c", "admin");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, r.stderr().strip().lines().count(), r.toString());
    assertTrue(r.stderr().contains("no demo user for tenant 'tenant-c'"), r.toString());
    assertEquals("", r.stdout());
  }

  @Test
  @DisplayName("smoke-cloud refuses a stack without demo users")
  void smokeCloudWithoutDemoUsers() throws IOException {
    assumeMoto();
    Map<String, String> env = env("rg-nousers");
    Path outputs = scratch.resolve("outputs-nousers.json");
    Files.writeString(
        outputs,
        "{\"api_url\":{\"value\":\"http://127.0.0.1:9\"},\"user_pool_id\":{\"value\":\"p\"},"
            + "\"app_client_id\":{\"value\":\"c\"},\"demo_password_parameter_prefix\":{\"value\":\"/x/\"},"
            + "\"demo_users\":{\"value\":{}}}");
    env.put("SMOKE_OUTPUTS_FILE", outputs.toString());
    env.put("VERIFY_PY", resource("verify-stub.py").toString());
    Scripts.Result r = Scripts.script("smoke-cloud", env);
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.stderr().contains("no demo users"), r.toString());
  }

  @Test
  @DisplayName("logs-cloud prints the function's log group (/aws/lambda/<prefix>-gateway)")
  void logsCloudPrintsFunctionLog() throws IOException {
    assumeMoto();
    Map<String, String> env = env("rg-logs");
    fixture(env, "logs", "/aws/lambda/rg-logs-gateway");
    env.put("FOLLOW", "0");
    Scripts.Result r = Scripts.script("logs-cloud", env);
    assertEquals(0, r.exit(), r.toString());
    List<String> lines = r.stdout().strip().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(
        lines
            .get(0)
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\{\"event\":\"request\".*"),
        r.toString());
    assertTrue(
        lines.get(1).endsWith("{\"event\":\"access_denied\",\"reason\":\"unauthenticated\"}"),
        r.toString());
  }

  @Test
  @DisplayName("logs-cloud DENIED=1 filters with the very pattern of the Terraform metric filter")
  void logsCloudUsesTheMetricFilterPattern() {
    TerraformModule tf = TerraformModule.load(Repo.path("terraform"));
    String pattern =
        String.valueOf(
            tf.resources("aws_cloudwatch_log_metric_filter")
                .get("this[\"access-denied\"]")
                .get("pattern"));
    String script = Repo.read(Repo.path("scripts/logs-cloud"));
    assertTrue(
        script.contains("pattern='" + pattern + "'"),
        "scripts/logs-cloud must filter with "
            + pattern
            + " (moto ignores JSON patterns, so this is checked as text)");
  }

  @Test
  @DisplayName("deploy-dev refuses a REF that is not a tag or commit, before building anything")
  void deployDevRefusesUnknownRef() {
    assumeMoto();
    Scripts.assumeTool("terraform");
    Scripts.assumeTool("git");
    Map<String, String> env = env("rg-ref");
    env.put("REF", "no-such-tag-" + Long.toHexString(System.nanoTime()));
    Scripts.Result r = Scripts.script("deploy-dev", env);
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.stderr().contains("is not a tag or commit"), r.toString());
    assertFalse(r.stdout().contains("building"), r.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "doctor-aws",
        "deploy-dev",
        "smoke-cloud",
        "logs-cloud",
        "destroy-dev",
        "cognito-id-token",
        "cloud-env.sh"
      })
  @DisplayName("every cloud script parses, and the runnable ones are executable")
  void scriptsParse(String name) {
    Path script = Repo.path("scripts/" + name);
    assertTrue(Files.exists(script), script.toString());
    Scripts.Result r =
        Scripts.run(
            List.of("bash", "-n", script.toString()), Map.of("PATH", System.getenv("PATH")));
    assertEquals(0, r.exit(), r.toString());
    if (!name.endsWith(".sh")) {
      assertTrue(Files.isExecutable(script), name + " is not executable");
    }
  }
}
