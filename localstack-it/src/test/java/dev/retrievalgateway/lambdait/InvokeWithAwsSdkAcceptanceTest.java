package dev.retrievalgateway.lambdait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.emulator.LambdaEmulator;
import dev.retrievalgateway.lambdait.testsupport.AwsClients;
import dev.retrievalgateway.lambdait.testsupport.GatewayLambdas;
import dev.retrievalgateway.testkit.HttpApiEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The emulator's Invoke API through the AWS SDK v2, as a deployment script would call Lambda. */
@Tag("claim:target-emulated-lambda")
class InvokeWithAwsSdkAcceptanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Invokes the function {@code gateway} with the event of {@code GET /health}. */
  private static InvokeResponse invokeHealth(LambdaClient client) {
    return client.invoke(
        b ->
            b.functionName("gateway")
                .payload(SdkBytes.fromUtf8String(HttpApiEvents.get("/health").json())));
  }

  @Test
  void invokesTheGatewayWithAPayload20EventForHealth() throws Exception {
    try (LambdaEmulator lambda = GatewayLambdas.headerMode("sdk-health").start();
        LambdaClient client = AwsClients.lambda(lambda.invokeUri())) {

      InvokeResponse response = invokeHealth(client);

      assertEquals(200, response.statusCode());
      assertNull(response.functionError());
      JsonNode answer = JSON.readTree(response.payload().asUtf8String());
      assertEquals(200, answer.path("statusCode").asInt());
      assertFalse(answer.path("isBase64Encoded").asBoolean(true));
      assertEquals("application/json", answer.path("headers").path("content-type").asText());
      assertEquals("ok", JSON.readTree(answer.path("body").asText()).path("status").asText());
    }
  }

  @Test
  void reportsHeaderModeWithoutTheOptInAsAnInitError() throws Exception {
    try (LambdaEmulator lambda = GatewayLambdas.function("sdk-refusal").start();
        LambdaClient client = AwsClients.lambda(lambda.invokeUri())) {

      InvokeResponse response = invokeHealth(client);

      assertEquals("Unhandled", response.functionError());
      JsonNode error = JSON.readTree(response.payload().asUtf8String());
      assertEquals("dev.retrievalgateway.config.ConfigException", error.path("errorType").asText());
      assertTrue(
          error.path("errorMessage").asText().contains("gateway.lambda.insecure.headermode"),
          error.path("errorMessage").asText());
    }
  }

  @Test
  void answersResourceNotFoundForAnotherFunctionName() {
    try (LambdaEmulator lambda = GatewayLambdas.headerMode("sdk-unknown").start();
        LambdaClient client = AwsClients.lambda(lambda.invokeUri())) {

      assertThrows(
          ResourceNotFoundException.class,
          () -> client.invoke(b -> b.functionName("other").payload(SdkBytes.fromUtf8String("{}"))));
    }
  }
}
