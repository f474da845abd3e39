package dev.retrievalgateway.lambdait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.lambdait.testsupport.AwsClients;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import dev.retrievalgateway.lambdait.testsupport.LocalStackStatus;
import dev.retrievalgateway.testkit.HttpApiEvents;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The same zip on LocalStack (Testcontainers), for machines with Docker: created as a java21
 * function and invoked directly with payload 2.0 events (the HTTP API itself is not in LocalStack's
 * free tier). The image is {@code -Dlocalstack.image} (default in the POM); {@code
 * LOCALSTACK_AUTH_TOKEN} is passed through when set.
 */
@Tag("claim:target-localstack")
class LocalStackLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStackContainer localstack;
  private static LambdaClient lambda;

  @BeforeAll
  static void deploy() throws java.io.IOException {
    if (!LocalStackStatus.dockerAvailable()) {
      return; // each test then reports itself skipped, with the reason
    }
    String image = System.getProperty("localstack.image", "localstack/localstack:4.14.0");
    localstack =
        new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
            .withServices(LocalStackContainer.Service.LAMBDA);
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    localstack.start();
    LocalStackStatus.record("localstack-it: LocalStack ran (" + image + ")");
    lambda = AwsClients.lambda(localstack.getEndpoint());
    byte[] zip = Files.readAllBytes(GatewayLambdas.zip());
    lambda.createFunction(
        b ->
            b.functionName("gateway")
                .runtime(Runtime.JAVA21)
                .handler(GatewayLambdas.HANDLER)
                .role("arn:aws:iam::000000000000:role/gateway")
                .timeout(29)
                .memorySize(1024)
                .environment(e -> e.variables(Map.of("GATEWAY_LAMBDA_INSECURE_HEADERMODE", "true")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("gateway"));
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (localstack != null) {
      localstack.stop();
    }
  }

  private static JsonNode invoke(String event) throws Exception {
    Assumptions.assumeTrue(lambda != null, LocalStackStatus.SKIPPED);
    InvokeResponse response =
        lambda.invoke(b -> b.functionName("gateway").payload(SdkBytes.fromUtf8String(event)));
    assertNull(response.functionError(), () -> response.payload().asUtf8String());
    return JSON.readTree(response.payload().asUtf8String());
  }

  @Test
  void answersHealth() throws Exception {

    JsonNode answer = invoke(HttpApiEvents.get("/health").json());

    assertEquals(200, answer.path("statusCode").asInt());
    assertTrue(answer.path("body").asText().contains("\"status\":\"ok\""));
  }

  @Test
  void answersWhoamiForAHeaderModePrincipal() throws Exception {

    JsonNode answer =
        invoke(
            HttpApiEvents.get("/whoami")
                .header("x-user", "alice")
                .header("x-tenant", "tenant-a")
                .header("x-role", "analyst")
                .json());

    assertEquals(200, answer.path("statusCode").asInt());
    assertEquals("alice", JSON.readTree(answer.path("body").asText()).path("user").asText());
  }

  @Test
  void answersUnknownPathsWithTheContractsEnvelope() throws Exception {

    JsonNode answer = invoke(HttpApiEvents.get("/nowhere").json());

    assertEquals(404, answer.path("statusCode").asInt());
    assertEquals(
        "not_found",
        JSON.readTree(answer.path("body").asText()).path("error").path("code").asText());
  }
}
