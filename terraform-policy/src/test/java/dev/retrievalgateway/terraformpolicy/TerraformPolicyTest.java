package dev.retrievalgateway.terraformpolicy;

import static dev.retrievalgateway.terraformpolicy.TerraformModule.block;
import static dev.retrievalgateway.terraformpolicy.TerraformModule.blocks;
import static dev.retrievalgateway.terraformpolicy.TerraformModule.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policies over terraform/ that hold for both stores, read from the parsed HCL (hcl4j), never
 * by grepping lines: retention, alarms, the metric filter against a real log line, IAM, runtime,
 * access log, Cognito, the single way in, and no header mode. The stack is read as deployed with
 * the default store (memory); {@link OpenSearchStorePolicyTest} reads the OpenSearch variant.
 */
@Tag("claim:cloud-policy")
class TerraformPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "aws_lambda_function";
  private static final String ALARM = "aws_cloudwatch_metric_alarm";
  private static final String METRIC_FILTER = "aws_cloudwatch_log_metric_filter";
  private static final String LOG_GROUP = "aws_cloudwatch_log_group";

  private static TerraformModule tf;
  private static Map<String, Object> function;

  @BeforeAll
  static void parse() {
    tf = TerraformModule.load(Repo.path("terraform"), Map.of("store", "memory"));
    function = tf.single(FUNCTION).getValue();
  }

  // ---- CloudWatch ----

  @Test
  @DisplayName("every log group keeps its logs 7 days, the function's included")
  void retentionIsSevenDays() {
    Map<String, Map<String, Object>> groups = tf.resources(LOG_GROUP);
    assertFalse(groups.isEmpty(), "no aws_cloudwatch_log_group at all");
    groups.forEach(
        (name, group) ->
            assertEquals(
                7.0,
                tf.resolveNumber(group.get("retention_in_days")),
                "retention_in_days of aws_cloudwatch_log_group." + name));
    // The function logs into a group Terraform made, so that the retention applies to it.
    String functionGroup = functionLogGroup();
    assertTrue(groups.containsKey(functionGroup), "the function's log group is not created here");
    assertTrue(
        tf.resolveString(groups.get(functionGroup).get("name")).startsWith("/aws/lambda/"),
        "the function's log group must be /aws/lambda/<function>, where Lambda writes");
  }

  @Test
  @DisplayName(
      "the metric filter's pattern matches a real access_denied line written by the service")
  void accessDeniedFilterMatchesServiceLine() {
    Map<String, Object> filter = filterOn(tf, functionLogGroup(), "access_denied");
    CloudWatchJsonFilter pattern = CloudWatchJsonFilter.compile(str(filter.get("pattern")));
    List<String> lines = ServiceLogLines.ofAnUnauthenticatedRequest();
    String denied = lines.get(0);
    String request = lines.get(1);
    assertTrue(pattern.test(denied), pattern + " does not match the service's access_denied line");
    assertFalse(pattern.test(request), pattern + " also counts the request line");
    Map<String, Object> transformation = block(filter, "metric_transformation");
    assertEquals("1", str(transformation.get("value")), "each denial counts 1");
  }

  @Test
  @DisplayName("the API 429 filter matches an access-log line rendered from the stage's format")
  void apiThrottledFilterMatchesAccessLog() throws IOException {
    Map<String, Object> filter = filterOn(tf, apiAccessLogGroup(), null);
    CloudWatchJsonFilter pattern = CloudWatchJsonFilter.compile(str(filter.get("pattern")));
    assertTrue(pattern.test(renderAccessLog("429")), pattern + " misses a 429 access-log line");
    assertFalse(pattern.test(renderAccessLog("200")), pattern + " counts a 200 access-log line");
  }

  @ParameterizedTest(name = "store = {0}")
  @ValueSource(strings = {"memory", "opensearch"})
  @DisplayName(
      "the alarms: 5xx, throttles, high denials and (OpenSearch only) the store, each on the right metrics")
  void alarmsWatchTheRightMetrics(String store) {
    TerraformModule variant = TerraformModule.load(Repo.path("terraform"), Map.of("store", store));
    Map<String, Map<String, Object>> alarms = variant.createdResources(ALARM);

    String deniedMetric = metricOf(variant, filterOn(variant, functionLogGroup(), "access_denied"));
    String api429Metric = metricOf(variant, filterOn(variant, apiAccessLogGroup(), null));
    Map<String, Set<String>> expected = new HashMap<>();
    expected.put("5xx", Set.of("AWS/ApiGateway 5xx", "AWS/Lambda Errors"));
    expected.put("throttles", Set.of("AWS/Lambda Throttles", api429Metric));
    expected.put("denials", Set.of(deniedMetric));
    if (store.equals("opensearch")) {
      expected.put(
          "store",
          Set.of(metricOf(variant, filterOn(variant, functionLogGroup(), "store_unavailable"))));
    }
    assertEquals(expected.size(), alarms.size(), store + ": alarms " + alarms.keySet());

    Set<String> matched = new HashSet<>();
    alarms.forEach(
        (name, alarm) -> {
          Set<String> watched = watchedMetrics(variant, name, alarm);
          String kind =
              expected.entrySet().stream()
                  .filter(e -> watched.equals(e.getValue()))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              ALARM
                                  + "."
                                  + name
                                  + " watches "
                                  + watched
                                  + ", none of "
                                  + expected.values()));
          assertTrue(matched.add(kind), "two alarms for " + kind);
          // Every alarm notifies the optional SNS topic, on alarm and on recovery.
          for (String actions : List.of("alarm_actions", "ok_actions")) {
            Object value = tf.resolve(alarm.get(actions));
            assertTrue(
                strings(value).contains("var.alarm_sns_topic_arn"),
                ALARM + "." + name + "." + actions + " does not go to var.alarm_sns_topic_arn");
          }
          assertEquals("notBreaching", alarm.get("treat_missing_data"), name);
        });
    assertEquals(expected.keySet(), matched);
    assertTrue(tf.variables().containsKey("alarm_sns_topic_arn"));
    assertEquals(
        null, tf.variables().get("alarm_sns_topic_arn").get("default"), "topic is optional");
  }

  // ---- IAM ----

  @ParameterizedTest(name = "store = {0}")
  @ValueSource(strings = {"memory", "opensearch"})
  @DisplayName(
      "the function role has no wildcard action beyond es:ESHttp*, no *FullAccess policy, and reaches only its own log group and its own domain")
  void roleHasNoWildcardAction(String store) throws IOException {
    TerraformModule variant = TerraformModule.load(Repo.path("terraform"), Map.of("store", store));
    String roleRef = str(function.get("role"));
    assertTrue(roleRef.matches("aws_iam_role\\.[A-Za-z0-9_-]+\\.arn"), "role: " + roleRef);
    String role = roleRef.split("\\.")[1];

    assertTrue(
        variant.resources("aws_iam_role_policy_attachment").isEmpty()
            && variant.resources("aws_iam_policy_attachment").isEmpty(),
        "no managed policy attachments: the role's only policy is inline and reviewed here");
    for (Map<String, Object> r : variant.resources("aws_iam_role").values()) {
      for (String arn : strings(r.get("managed_policy_arns"))) {
        assertFalse(arn.contains("FullAccess"), arn);
      }
    }

    JsonNode trust =
        JSON.readTree(
            str(variant.resource("aws_iam_role", role).orElseThrow().get("assume_role_policy")));
    for (JsonNode st : trust.get("Statement")) {
      assertEquals("lambda.amazonaws.com", st.at("/Principal/Service").asText(), "trust: " + st);
    }

    Set<String> reached = new TreeSet<>();
    for (var e : variant.createdResources("aws_iam_role_policy").entrySet()) {
      Map<String, Object> policy = e.getValue();
      assertEquals("aws_iam_role." + role + ".id", str(policy.get("role")), e.getKey());
      JsonNode doc = policyDocument(e.getKey(), policy.get("policy"));
      for (JsonNode st : doc.get("Statement")) {
        assertFalse(st.has("NotAction") || st.has("NotResource"), "Not* widens: " + st);
        List<String> actions = actions(variant, st);
        assertFalse(actions.isEmpty(), e.getKey() + ": a statement without actions");
        boolean logs = actions.stream().allMatch(a -> a.startsWith("logs:"));
        for (String action : actions) {
          assertTrue(
              logs ? !action.contains("*") : OpenSearchStorePolicyTest.isEsHttpAction(action),
              "action " + action + " in " + e.getKey() + " (one service per statement)");
        }
        for (JsonNode resource : asArray(st.get("Resource"))) {
          String expected =
              logs
                  ? "aws_cloudwatch_log_group." + functionLogGroup() + ".arn:*"
                  : OpenSearchStorePolicyTest.domainArn(variant) + "/*";
          assertEquals(expected, resource.asText(), e.getKey() + " reaches something else");
          reached.add(logs ? "logs" : "es");
        }
      }
    }
    assertEquals(
        store.equals("opensearch") ? Set.of("logs", "es") : Set.of("logs"),
        reached,
        store + ": what the function role may reach");
  }

  /** A statement's actions, with a reference to a local list resolved. */
  static List<String> actions(TerraformModule variant, JsonNode statement) {
    List<String> out = new ArrayList<>();
    for (JsonNode action : asArray(statement.get("Action"))) {
      Object resolved = variant.resolve(action.asText());
      out.addAll(strings(resolved));
    }
    return out;
  }

  // ---- Lambda ----

  @Test
  @DisplayName("the runtime matches the Java release the build targets")
  void runtimeMatchesJavaRelease() throws Exception {
    var pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repo.path("pom.xml").toFile());
    String release = pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent();
    assertEquals("java" + release.trim(), function.get("runtime"));
  }

  @Test
  @DisplayName("the function runs in JWT mode with issuer, audience and JWKS from the Cognito pool")
  void jwtModeFromCognito() {
    Map<String, Object> env =
        block(block(function, "environment"), "variables").entrySet().stream()
            .collect(
                HashMap::new, (m, e) -> m.put(e.getKey(), tf.resolve(e.getValue())), Map::putAll);
    assertEquals("jwt", env.get("GATEWAY_AUTH_MODE"));
    String pool = "aws_cognito_user_pool." + tf.single("aws_cognito_user_pool").getKey();
    assertEquals("https://" + pool + ".endpoint", env.get("GATEWAY_JWT_ISSUER"));
    assertEquals(
        env.get("GATEWAY_JWT_ISSUER") + "/.well-known/jwks.json", env.get("GATEWAY_JWT_JWKS_URL"));
    assertEquals(
        "aws_cognito_user_pool_client."
            + tf.single("aws_cognito_user_pool_client").getKey()
            + ".id",
        env.get("GATEWAY_JWT_AUDIENCE"));
    // The claims the gateway reads are the pool's custom attributes (Cognito adds "custom:").
    Set<String> attributes = new TreeSet<>();
    for (Map<String, Object> schema :
        blocks(tf.single("aws_cognito_user_pool").getValue().get("schema"))) {
      attributes.add("custom:" + schema.get("name"));
    }
    assertTrue(
        attributes.contains(env.get("GATEWAY_JWT_CLAIMS_TENANT")), "tenant claim " + attributes);
    assertTrue(attributes.contains(env.get("GATEWAY_JWT_CLAIMS_ROLE")), "role claim " + attributes);
    assertEquals("demo", env.get("GATEWAY_CORPUS_SEED"));
  }

  @Test
  @DisplayName("the function is the zip from make package, with its hash")
  void functionIsThePackagedZip() {
    // The hash makes a new build a change Terraform sees.
    assertNotNull(function.get("filename"));
    assertTrue(function.containsKey("source_code_hash"));
  }

  // ---- the only way in ----

  @Test
  @DisplayName("no function URL exists and the invoke permission names the API's source_arn")
  void apiIsTheOnlyWayIn() {
    assertTrue(
        tf.resources("aws_lambda_function_url").isEmpty(), "a function URL bypasses the API");
    Map<String, Map<String, Object>> permissions = tf.resources("aws_lambda_permission");
    assertFalse(permissions.isEmpty(), "no invoke permission: the API could not call the function");
    String api = "aws_apigatewayv2_api." + tf.single("aws_apigatewayv2_api").getKey();
    permissions.forEach(
        (name, p) -> {
          assertEquals("apigateway.amazonaws.com", p.get("principal"), name);
          assertEquals("lambda:InvokeFunction", p.get("action"), name);
          String sourceArn = str(p.get("source_arn"));
          assertNotNull(sourceArn, "aws_lambda_permission." + name + " has no source_arn");
          assertTrue(
              sourceArn.startsWith(api + ".execution_arn/"),
              "aws_lambda_permission." + name + ".source_arn is not this API's: " + sourceArn);
        });
  }

  @Test
  @DisplayName(
      "HTTP API: payload 2.0 proxy, no JWT authorizer, $default stage with a throttling backstop above the gateway's limits")
  void httpApiShape() throws IOException {
    assertEquals("HTTP", tf.single("aws_apigatewayv2_api").getValue().get("protocol_type"));
    Map<String, Object> integration = tf.single("aws_apigatewayv2_integration").getValue();
    assertEquals("AWS_PROXY", integration.get("integration_type"));
    assertEquals("2.0", str(integration.get("payload_format_version")));

    assertTrue(
        tf.resources("aws_apigatewayv2_authorizer").isEmpty(),
        "the gateway verifies tokens itself; an authorizer would answer 401 without the envelope");
    tf.resources("aws_apigatewayv2_route")
        .forEach(
            (name, route) -> {
              assertEquals("NONE", route.get("authorization_type"), "route " + name);
              assertFalse(route.containsKey("authorizer_id"), "route " + name);
            });

    Map<String, Object> stage = tf.single("aws_apigatewayv2_stage").getValue();
    assertEquals("$default", stage.get("name"));
    assertEquals(true, stage.get("auto_deploy"));
    Map<String, Object> throttle = block(stage, "default_route_settings");
    Map<String, Double> gateway = gatewayThrottle();
    double rate = tf.resolveNumber(throttle.get("throttling_rate_limit"));
    double burst = tf.resolveNumber(throttle.get("throttling_burst_limit"));
    assertTrue(
        rate > gateway.get("rate"),
        "stage rate " + rate + " must be above the gateway's " + gateway);
    assertTrue(
        burst > gateway.get("burst"),
        "stage burst " + burst + " must be above the gateway's " + gateway);
  }

  @Test
  @DisplayName("the access-log format is JSON, carries the request id and no Authorization field")
  void accessLogFormatHasNoAuthorization() throws IOException {
    Map<String, Object> settings =
        block(tf.single("aws_apigatewayv2_stage").getValue(), "access_log_settings");
    assertEquals(
        "aws_cloudwatch_log_group." + apiAccessLogGroup() + ".arn",
        settings.get("destination_arn"));
    JsonNode format = JSON.readTree(str(settings.get("format")));
    assertTrue(format.isObject(), "the access-log format must be one JSON object");
    assertEquals("$context.requestId", format.path("requestId").asText());
    Iterator<Map.Entry<String, JsonNode>> fields = format.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      String both = (field.getKey() + " " + field.getValue().asText()).toLowerCase(Locale.ROOT);
      for (String banned :
          List.of("authorization", "$request.header", "cookie", "token", "$context.authorizer")) {
        assertFalse(both.contains(banned), "access-log field " + field + " carries " + banned);
      }
    }
  }

  // ---- Cognito ----

  @Test
  @DisplayName(
      "Cognito: self sign-up is off and no app client may write custom:tenant or custom:role")
  void cognitoAttributesAdminOnly() {
    Map<String, Object> pool = tf.single("aws_cognito_user_pool").getValue();
    assertEquals(
        true,
        block(pool, "admin_create_user_config").get("allow_admin_create_user_only"),
        "self sign-up must be off");
    Map<String, Map<String, Object>> clients = tf.resources("aws_cognito_user_pool_client");
    assertFalse(clients.isEmpty());
    clients.forEach(
        (name, client) -> {
          // Left out, Cognito chooses the writable attributes itself; the list must be explicit.
          assertTrue(
              client.get("write_attributes") instanceof List<?>,
              "aws_cognito_user_pool_client." + name + " must list write_attributes explicitly");
          List<String> writable = strings(client.get("write_attributes"));
          for (String attr : List.of("custom:tenant", "custom:role")) {
            assertFalse(writable.contains(attr), name + " lets users write " + attr);
          }
          assertTrue(
              writable.stream().noneMatch(a -> a.startsWith("custom:")), name + ": " + writable);
          // Readable, or the ID token would carry no tenant or role and every request would be 401.
          assertTrue(
              strings(client.get("read_attributes"))
                  .containsAll(List.of("custom:tenant", "custom:role")),
              name + " must read both custom attributes");
          assertFalse(
              strings(client.get("explicit_auth_flows")).contains("ALLOW_USER_PASSWORD_AUTH"),
              name + ": demo users sign in with admin credentials only");
        });
  }

  @Test
  @DisplayName(
      "demo users: one per tenant and role of the service, passwords generated and kept out of outputs")
  void demoUsers() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> users =
        (Map<String, Map<String, Object>>) tf.locals().get("demo_users");
    assertNotNull(users, "local.demo_users");
    Set<String> pairs = new TreeSet<>();
    users.values().forEach(u -> pairs.add(u.get("tenant") + "/" + u.get("role")));
    Set<String> expected = new TreeSet<>();
    for (String tenant : demoCorpusTenants()) {
      for (String role : serviceRoles()) {
        expected.add(tenant + "/" + role);
      }
    }
    assertEquals(expected, pairs, "demo users per (tenant, role)");
    // One user and one SecureString password parameter per entry (for_each over local.demo_users).
    for (String type : List.of("aws_cognito_user", "aws_ssm_parameter")) {
      assertEquals(users.size(), tf.resources(type).size(), type + ": one per demo user");
    }
    tf.resources("aws_ssm_parameter")
        .forEach((name, p) -> assertEquals("SecureString", p.get("type"), name));
    tf.resources("aws_cognito_user")
        .forEach((name, u) -> assertTrue(u.containsKey("password"), name));
    tf.outputs()
        .forEach(
            (name, output) -> {
              String value = String.valueOf(output.get("value"));
              assertFalse(
                  value.contains("random_password") || value.contains("aws_ssm_parameter"),
                  "output " + name + " exposes a password: " + value);
            });
  }

  // ---- no header mode, ever ----

  @Test
  @DisplayName("GATEWAY_LAMBDA_INSECURE_HEADERMODE appears nowhere in terraform/")
  void noInsecureHeaderMode() throws IOException {
    Map<String, Object> env = block(block(function, "environment"), "variables");
    assertFalse(env.containsKey("GATEWAY_LAMBDA_INSECURE_HEADERMODE"));
    List<Path> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Repo.path("terraform"))) {
      for (Path file :
          (Iterable<Path>)
              files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.terraform/"))
                  ::iterator) {
        String text =
            new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (text.contains("gateway_lambda_insecure_headermode")
            || text.contains("insecure.headermode")) {
          offenders.add(file);
        }
      }
    }
    assertTrue(offenders.isEmpty(), "header mode is named in " + offenders);
  }

  // ---- Terraform itself ----

  @Test
  @DisplayName("the AWS provider is pinned and tags every resource")
  void providerPinnedAndTagged() {
    Map<String, Object> required =
        tf.terraformBlocks().stream()
            .map(t -> t.get("required_providers"))
            .filter(java.util.Objects::nonNull)
            .map(TerraformModule::asMap)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no required_providers"));
    Map<String, Object> aws = TerraformModule.asMap(required.get("aws"));
    assertEquals("hashicorp/aws", aws.get("source"));
    assertTrue(
        String.valueOf(aws.get("version")).matches("~> ?[56]\\.[0-9]+(\\.[0-9]+)?"),
        "pin the AWS provider to one major version: " + aws.get("version"));
    assertTrue(tf.providers().get("aws").containsKey("default_tags"), "default_tags");
  }

  // ---- helpers ----

  static String str(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** The name of the log group resource the function logs to (logging_config.log_group). */
  static String functionLogGroup() {
    return functionLogGroup(function);
  }

  static String functionLogGroup(Map<String, Object> function) {
    String ref = str(block(function, "logging_config").get("log_group"));
    if (ref == null || !ref.matches("aws_cloudwatch_log_group\\.[A-Za-z0-9_-]+\\.name")) {
      fail("logging_config.log_group must name a log group created here: " + ref);
    }
    return ref.split("\\.")[1];
  }

  private static String apiAccessLogGroup() {
    String ref =
        str(
            block(tf.single("aws_apigatewayv2_stage").getValue(), "access_log_settings")
                .get("destination_arn"));
    if (ref == null || !ref.matches("aws_cloudwatch_log_group\\.[A-Za-z0-9_-]+\\.arn")) {
      fail("access_log_settings.destination_arn must name a log group created here: " + ref);
    }
    return ref.split("\\.")[1];
  }

  /**
   * The one metric filter a variant creates on that log group for that service event (the
   * function's log: access_denied, store_unavailable), or the only one on it (event null: the API's
   * access log, which counts 429s).
   */
  static Map<String, Object> filterOn(TerraformModule variant, String logGroup, String event) {
    List<Map<String, Object>> found =
        variant.createdResources(METRIC_FILTER).values().stream()
            .filter(
                f ->
                    ("aws_cloudwatch_log_group." + logGroup + ".name")
                        .equals(f.get("log_group_name")))
            .filter(
                f ->
                    event == null || String.valueOf(f.get("pattern")).contains("\"" + event + "\""))
            .toList();
    assertEquals(
        1,
        found.size(),
        "metric filters on aws_cloudwatch_log_group." + logGroup + " for " + event);
    return found.get(0);
  }

  /** "namespace metric" of what a metric filter produces. */
  static String metricOf(TerraformModule variant, Map<String, Object> filter) {
    Map<String, Object> t = block(filter, "metric_transformation");
    return variant.resolveString(t.get("namespace")) + " " + variant.resolveString(t.get("name"));
  }

  /** "namespace metric" of every metric an alarm reads, directly or through metric math. */
  static Set<String> watchedMetrics(
      TerraformModule variant, String name, Map<String, Object> alarm) {
    Set<String> watched = new TreeSet<>();
    if (alarm.containsKey("metric_name")) {
      watched.add(
          variant.resolveString(alarm.get("namespace"))
              + " "
              + variant.resolveString(alarm.get("metric_name")));
    }
    List<Map<String, Object>> queries = blocks(alarm.get("metric_query"));
    List<String> expressions = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> q : queries) {
      if (q.containsKey("expression")) {
        expressions.add(str(q.get("expression")));
        assertEquals(true, q.get("return_data"), name + ": the expression is what the alarm reads");
      }
      for (Map<String, Object> m : blocks(q.get("metric"))) {
        ids.add(str(q.get("id")));
        watched.add(
            variant.resolveString(m.get("namespace"))
                + " "
                + variant.resolveString(m.get("metric_name")));
        checkDimensions(name, variant.resolveString(m.get("namespace")), m);
      }
    }
    if (!queries.isEmpty()) {
      assertEquals(1, expressions.size(), name + ": one expression combines the metrics");
      for (String id : ids) {
        assertTrue(
            expressions.get(0).matches(".*\\b" + id + "\\b.*"),
            name + ": the expression ignores metric " + id);
      }
    } else {
      checkDimensions(name, variant.resolveString(alarm.get("namespace")), alarm);
    }
    return watched;
  }

  /** AWS metrics must be this stack's: the API's id or the function's name. */
  private static void checkDimensions(String alarm, String namespace, Map<String, Object> metric) {
    Object dims = metric.get("dimensions");
    String text = String.valueOf(dims);
    if ("AWS/ApiGateway".equals(namespace)) {
      assertTrue(text.contains("ApiId=aws_apigatewayv2_api."), alarm + ": " + text);
    } else if ("AWS/Lambda".equals(namespace)) {
      assertTrue(text.contains("FunctionName=aws_lambda_function."), alarm + ": " + text);
    }
  }

  static JsonNode policyDocument(String name, Object policy) {
    try {
      JsonNode doc = JSON.readTree(str(policy));
      assertTrue(doc.has("Statement"), name);
      return doc;
    } catch (IOException e) {
      throw new AssertionError(
          "aws_iam_role_policy." + name + ".policy must be a jsonencode() literal, checkable here",
          e);
    }
  }

  static Iterable<JsonNode> asArray(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (node.isArray()) {
      return node;
    }
    return List.of(node);
  }

  /** The stage's access-log format with every $context variable given a plausible value. */
  private static String renderAccessLog(String status) throws IOException {
    Map<String, Object> settings =
        block(tf.single("aws_apigatewayv2_stage").getValue(), "access_log_settings");
    ObjectNode line = (ObjectNode) JSON.readTree(str(settings.get("format")));
    List<String> keys = new ArrayList<>();
    line.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String template = line.get(key).asText();
      line.put(
          key, template.equals("$context.status") ? status : template.replace("$context.", "x-"));
    }
    return JSON.writeValueAsString(line);
  }

  /**
   * The gateway's per-principal limits: the service's application.yaml, else the contract's
   * defaults.
   */
  private static Map<String, Double> gatewayThrottle() throws IOException {
    Path yaml = Repo.path("service/src/main/resources/application.yaml");
    double rate = 50;
    double burst = 100;
    if (Files.exists(yaml)) {
      JsonNode throttle = new YAMLMapper().readTree(yaml.toFile()).at("/gateway/throttle");
      rate = throttle.path("rate").asDouble(rate);
      burst = throttle.path("burst").asDouble(burst);
    }
    return Map.of("rate", rate, "burst", burst);
  }

  private static Set<String> serviceRoles() throws IOException {
    Path yaml = Repo.path("service/src/main/resources/application.yaml");
    Set<String> roles = new TreeSet<>();
    if (Files.exists(yaml)) {
      new YAMLMapper()
          .readTree(yaml.toFile())
          .at("/gateway/roles")
          .forEach(r -> roles.add(r.path("name").asText()));
    }
    return roles.isEmpty() ? Set.of("intern", "analyst", "admin") : roles;
  }

  private static Set<String> demoCorpusTenants() throws IOException {
    Path corpus = Repo.path("service/src/main/resources/demo-corpus.json");
    Set<String> tenants = new TreeSet<>();
    if (Files.exists(corpus)) {
      JSON.readTree(corpus.toFile()).forEach(d -> tenants.add(d.path("tenant").asText()));
    }
    return tenants.isEmpty() ? Set.of("tenant-a", "tenant-b") : tenants;
  }
}
