package dev.retrievalgateway.terraformpolicy;

import static dev.retrievalgateway.terraformpolicy.TerraformModule.block;
import static dev.retrievalgateway.terraformpolicy.TerraformModule.blocks;
import static dev.retrievalgateway.terraformpolicy.TerraformPolicyTest.asArray;
import static dev.retrievalgateway.terraformpolicy.TerraformPolicyTest.functionLogGroup;
import static dev.retrievalgateway.terraformpolicy.TerraformPolicyTest.str;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policies of the production store over terraform/: both variants of the stack are parsed, as
 * {@code -var store=memory} and {@code -var store=opensearch} would plan them (hcl4j evaluates the
 * {@code count} conditionals on the variable), and each rule is read from the parsed HCL.
 */
class OpenSearchStorePolicyTest {

  private static final String DOMAIN = "aws_opensearch_domain";
  private static final String DOMAIN_POLICY = "aws_opensearch_domain_policy";

  /** The HTTP actions of OpenSearch Service; es:ESHttp* is all of them, and no wider wildcard. */
  private static final Pattern ES_HTTP_ACTION =
      Pattern.compile("es:ESHttp(\\*|Get|Head|Post|Put|Delete|Patch)");

  /** The domain TLS policies whose minimum is TLS 1.2 (AWS's DomainEndpointOptions). */
  private static final Set<String> TLS_12_POLICIES =
      Set.of("Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10");

  private static TerraformModule memory;
  private static TerraformModule opensearch;
  private static Map<String, Object> domain;

  @BeforeAll
  static void parse() {
    memory = variant(Map.of("store", "memory"));
    opensearch = variant(Map.of("store", "opensearch"));
    domain = opensearch.single(DOMAIN).getValue();
  }

  private static TerraformModule variant(Map<String, Object> variables) {
    return TerraformModule.load(Repo.path("terraform"), variables);
  }

  /** True for es:ESHttp* and the single HTTP-method actions it stands for. */
  static boolean isEsHttpAction(String action) {
    return ES_HTTP_ACTION.matcher(action).matches();
  }

  /**
   * The reference to the domain's ARN as hcl4j renders it ({@code aws_opensearch_domain.x[0].arn}
   * reads as {@code aws_opensearch_domain.x.value.arn}).
   */
  static String domainArn(TerraformModule variant) {
    return DOMAIN + "." + variant.single(DOMAIN).getKey() + ".value.arn";
  }

  private static String domainAttribute(String attribute) {
    return DOMAIN + "." + opensearch.single(DOMAIN).getKey() + ".value." + attribute;
  }

  /** The function's environment as written: references stay references. */
  private static Map<String, Object> rawEnvironment(TerraformModule variant) {
    Map<String, Object> function = variant.single("aws_lambda_function").getValue();
    return block(block(function, "environment"), "variables");
  }

  /** The function's environment with local and variable references resolved (to defaults). */
  private static Map<String, Object> environment(TerraformModule variant) {
    Map<String, Object> env = new HashMap<>();
    rawEnvironment(variant).forEach((k, v) -> env.put(k, variant.resolve(v)));
    return env;
  }

  private static Map<String, Object> validation(TerraformModule variant, String variable) {
    return block(variant.variables().get(variable), "validation");
  }

  // ---- which variant creates what ----

  @Test
  @DisplayName("store is memory by default and accepts only memory or opensearch")
  void storeVariableIsMemoryOrOpenSearch() {
    assertEquals("memory", memory.variables().get("store").get("default"));
    assertAll(
        Map.of("memory", true, "opensearch", true, "dynamodb", false, "", false).entrySet().stream()
            .map(
                e ->
                    (Executable)
                        () ->
                            assertEquals(
                                e.getValue(),
                                validation(variant(Map.of("store", e.getKey())), "store")
                                    .get("condition"),
                                "store = '" + e.getKey() + "'")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        DOMAIN,
        DOMAIN_POLICY,
        "aws_iam_role_policy.function_opensearch",
        "aws_cloudwatch_log_metric_filter.this[\"store-unavailable\"]",
        "aws_cloudwatch_metric_alarm.this[\"store-unavailable\"]"
      })
  @DisplayName("the domain and everything about it exist only with store = opensearch")
  void domainExistsOnlyWithOpenSearch(String what) {
    Function<TerraformModule, Long> created =
        variant ->
            what.contains(".")
                ? variant
                    .resource(what.split("\\.")[0], what.split("\\.")[1])
                    .filter(TerraformModule::created)
                    .stream()
                    .count()
                : variant.createdResources(what).size();
    assertEquals(0L, created.apply(memory), what + " with store = memory");
    assertEquals(1L, created.apply(opensearch), what + " with store = opensearch");
  }

  // ---- the domain ----

  @Test
  @DisplayName("the domain enforces HTTPS with a TLS 1.2 or later policy")
  void domainEnforcesHttpsAndTls12() {
    Map<String, Object> endpoint = block(domain, "domain_endpoint_options");
    assertEquals(true, endpoint.get("enforce_https"), "enforce_https");
    String tls = str(endpoint.get("tls_security_policy"));
    assertTrue(TLS_12_POLICIES.contains(tls), "tls_security_policy " + tls);
  }

  @Test
  @DisplayName("the domain encrypts at rest and between nodes")
  void domainEncryptsAtRestAndNodeToNode() {
    assertAll(
        () -> assertEquals(true, block(domain, "encrypt_at_rest").get("enabled"), "at rest"),
        () ->
            assertEquals(
                true, block(domain, "node_to_node_encryption").get("enabled"), "node to node"));
  }

  @Test
  @DisplayName("the domain runs an OpenSearch 3.x engine, sized by variables")
  void domainEngineAndSize() {
    assertTrue(
        opensearch.resolveString(domain.get("engine_version")).matches("OpenSearch_3\\.[0-9]+"),
        "engine " + opensearch.resolveString(domain.get("engine_version")));
    Map<String, Object> cluster = block(domain, "cluster_config");
    assertAll(
        () -> assertEquals("var.opensearch_instance_type", cluster.get("instance_type")),
        () -> assertEquals("var.opensearch_instance_count", cluster.get("instance_count")),
        () ->
            assertEquals(
                "var.opensearch_volume_gb", block(domain, "ebs_options").get("volume_size")));
  }

  @Test
  @DisplayName(
      "no fine-grained access control: no master user, no password in the state or an output")
  void noMasterUserOrPassword() {
    for (Map<String, Object> security : blocks(domain.get("advanced_security_options"))) {
      assertFalse(
          Boolean.TRUE.equals(security.get("enabled")),
          "fine-grained access control is on: say how its master user stays out of the state");
    }
    opensearch
        .sources()
        .forEach(
            (file, text) -> {
              String lower = text.toLowerCase(Locale.ROOT);
              for (String banned : List.of("master_user", "internal_user_database")) {
                assertFalse(lower.contains(banned), file + " names " + banned);
              }
            });
  }

  @Test
  @DisplayName("the access policy admits the function's role only: no * principal, no condition")
  void accessPolicyAdmitsOnlyTheFunctionRole() throws Exception {
    assertFalse(
        domain.containsKey("access_policies"),
        "one access policy, in aws_opensearch_domain_policy, so that it can be checked here");
    Map<String, Object> policy = opensearch.single(DOMAIN_POLICY).getValue();
    assertEquals(domainAttribute("domain_name"), policy.get("domain_name"));
    JsonNode doc = TerraformPolicyTest.policyDocument(DOMAIN_POLICY, policy.get("access_policies"));
    String role = str(opensearch.single("aws_lambda_function").getValue().get("role"));
    int statements = 0;
    for (JsonNode st : doc.get("Statement")) {
      statements++;
      assertEquals("Allow", st.path("Effect").asText(), "only Allow statements: " + st);
      assertFalse(st.has("NotPrincipal") || st.has("NotAction"), "Not* widens: " + st);
      assertFalse(st.has("Condition"), "a condition (an IP range) must not be the gate: " + st);
      JsonNode principal = st.get("Principal");
      assertTrue(principal != null && principal.isObject(), "principal " + principal);
      assertEquals(Set.of("AWS"), Set.copyOf(iterableNames(principal)), "principal " + principal);
      for (JsonNode p : asArray(principal.get("AWS"))) {
        assertEquals(role, p.asText(), "the only principal is the function's role");
      }
      for (String action : TerraformPolicyTest.actions(opensearch, st)) {
        assertTrue(isEsHttpAction(action), "action " + action);
      }
      for (JsonNode resource : asArray(st.get("Resource"))) {
        assertEquals(domainArn(opensearch) + "/*", resource.asText(), "resource");
      }
    }
    assertTrue(statements > 0, "the access policy has no statement");
  }

  private static List<String> iterableNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  @DisplayName("nothing stops make destroy-dev: no prevent_destroy, no deletion protection")
  void nothingPreventsDestroy() {
    for (TerraformModule variant : List.of(memory, opensearch)) {
      for (String type : variant.resourceTypes()) {
        variant
            .resources(type)
            .forEach(
                (name, r) -> {
                  for (Map<String, Object> lifecycle : blocks(r.get("lifecycle"))) {
                    assertNotEquals(
                        true, lifecycle.get("prevent_destroy"), type + "." + name + " blocks it");
                  }
                  Object protection = r.get("deletion_protection");
                  assertTrue(
                      protection == null
                          || "INACTIVE".equals(protection)
                          || protection.equals(false),
                      type + "." + name + " deletion_protection " + protection);
                });
      }
    }
  }

  @ParameterizedTest(name = "replicas {0}, nodes {1}: accepted {2}")
  @CsvSource({"0, 1, true", "1, 1, false", "1, 2, true", "0, 2, true"})
  @DisplayName("a replica needs a second node: the domain's precondition refuses one on one node")
  void replicasNeedASecondNode(double replicas, double nodes, boolean accepted) {
    TerraformModule v =
        variant(
            Map.of(
                "store",
                "opensearch",
                "opensearch_replicas",
                replicas,
                "opensearch_instance_count",
                nodes));
    Map<String, Object> d = v.single(DOMAIN).getValue();
    assertEquals(accepted, block(block(d, "lifecycle"), "precondition").get("condition"));
  }

  // ---- the function ----

  @Test
  @DisplayName("reserved concurrency is 1 with memory and lifted with opensearch")
  void concurrencyFollowsTheStore() {
    Object memoryValue =
        memory.single("aws_lambda_function").getValue().get("reserved_concurrent_executions");
    assertEquals(1.0, memory.resolveNumber(memoryValue), "memory: one instance at a time");
    Object openValue =
        opensearch.single("aws_lambda_function").getValue().get("reserved_concurrent_executions");
    double lifted = opensearch.resolveNumber(openValue);
    assertTrue(lifted == -1 || lifted >= 2, "opensearch: " + lifted + " (from " + openValue + ")");
  }

  @ParameterizedTest(name = "lambda_reserved_concurrency = {0}: accepted {1}")
  @CsvSource({"1, false", "0, false", "-1, true", "2, true", "10, true"})
  @DisplayName("the reserved concurrency variable refuses 1 (and 0)")
  void concurrencyVariableRefusesOne(double value, boolean accepted) {
    TerraformModule v =
        variant(Map.of("store", "opensearch", "lambda_reserved_concurrency", value));
    assertEquals(accepted, validation(v, "lambda_reserved_concurrency").get("condition"));
    double used =
        v.resolveNumber(
            v.single("aws_lambda_function").getValue().get("reserved_concurrent_executions"));
    assertEquals(value, used, "the function takes the variable with store = opensearch");
  }

  @Test
  @DisplayName(
      "with opensearch the function gets the store settings: https endpoint, SigV4, region, replicas")
  void functionEnvironmentWithOpenSearch() {
    Map<String, Object> env = environment(opensearch);
    String region = str(opensearch.providers().get("aws").get("region"));
    assertAll(
        () -> assertEquals("opensearch", env.get("GATEWAY_STORE")),
        () ->
            assertEquals(
                "https://" + domainAttribute("endpoint"), env.get("GATEWAY_OPENSEARCH_URL")),
        () -> assertEquals("aws-sigv4", env.get("GATEWAY_OPENSEARCH_AUTH")),
        () ->
            assertEquals(
                region,
                rawEnvironment(opensearch).get("GATEWAY_OPENSEARCH_AWS_REGION"),
                "the stack's region"),
        () -> assertEquals(0.0, env.get("GATEWAY_OPENSEARCH_REPLICAS"), "replicas default"),
        () -> assertEquals("jwt", env.get("GATEWAY_AUTH_MODE"), "the rest is kept"));
  }

  @Test
  @DisplayName("with memory the function gets GATEWAY_STORE=memory and no OpenSearch setting")
  void functionEnvironmentWithMemory() {
    Map<String, Object> env = environment(memory);
    assertEquals("memory", env.get("GATEWAY_STORE"));
    assertTrue(
        env.keySet().stream().noneMatch(k -> k.startsWith("GATEWAY_OPENSEARCH_")),
        "OpenSearch settings with memory: " + env.keySet());
  }

  @ParameterizedTest(name = "store = {0}")
  @ValueSource(strings = {"memory", "opensearch"})
  @DisplayName("JAVA_TOOL_OPTIONS comes from a variable: a heap below the function's memory")
  void javaToolOptionsFromAVariable(String store) {
    TerraformModule v = variant(Map.of("store", store));
    Map<String, Object> env = environment(v);
    assertEquals(
        "-XX:TieredStopAtLevel=1 -Xmx512m -XX:+ExitOnOutOfMemoryError",
        env.get("JAVA_TOOL_OPTIONS"));
    double memoryMb = v.resolveNumber("var.lambda_memory_mb");
    var heap = Pattern.compile("-Xmx([0-9]+)m").matcher(str(env.get("JAVA_TOOL_OPTIONS")));
    assertTrue(heap.find(), "no -Xmx");
    assertTrue(Double.parseDouble(heap.group(1)) <= memoryMb / 2, "heap above half of " + memoryMb);
  }

  // ---- monitoring and outputs ----

  @Test
  @DisplayName("the store alarm counts store_unavailable events and nothing else")
  void storeAlarmCountsStoreUnavailable() {
    Map<String, Object> filter =
        TerraformPolicyTest.filterOn(
            opensearch,
            functionLogGroup(opensearch.single("aws_lambda_function").getValue()),
            "store_unavailable");
    CloudWatchJsonFilter pattern = CloudWatchJsonFilter.compile(str(filter.get("pattern")));
    String unavailable = Repo.resource("service-log-store_unavailable.jsonl").strip();
    assertTrue(pattern.test(unavailable), pattern + " misses a store_unavailable line");
    for (String other : List.of("service-log-access_denied.jsonl", "service-log-request.jsonl")) {
      assertFalse(pattern.test(Repo.resource(other).strip()), pattern + " counts " + other);
    }
    String name = "this[\"store-unavailable\"]";
    Map<String, Object> alarm =
        opensearch.resource("aws_cloudwatch_metric_alarm", name).orElseThrow();
    assertEquals(
        Set.of(TerraformPolicyTest.metricOf(opensearch, filter)),
        TerraformPolicyTest.watchedMetrics(opensearch, name, alarm));
  }

  @Test
  @DisplayName("deploy-dev can print the domain endpoint: an output beside api_url")
  void endpointIsAnOutput() {
    Map<String, Object> output = opensearch.outputs().get("opensearch_endpoint");
    assertTrue(output != null, "no opensearch_endpoint output");
    assertTrue(
        str(output.get("value")).contains(domainAttribute("endpoint")),
        "opensearch_endpoint: " + output.get("value"));
    assertEquals(null, memory.outputs().get("opensearch_endpoint").get("value"), "memory: null");
    assertTrue(opensearch.outputs().containsKey("api_url"));
    Path script = Repo.path("scripts/deploy-dev");
    assertTrue(Repo.read(script).contains("opensearch_endpoint"), script + " never prints it");
  }
}
