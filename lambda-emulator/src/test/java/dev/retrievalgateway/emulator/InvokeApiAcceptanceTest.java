package dev.retrievalgateway.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.emulator.functions.FailingInitFunction;
import dev.retrievalgateway.emulator.functions.ProbeFunction;
import dev.retrievalgateway.emulator.testsupport.InvokeClient;
import dev.retrievalgateway.emulator.testsupport.Probes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Invoke API over a real runtime interface client: results and failures as Lambda reports them.
 */
class InvokeApiAcceptanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LambdaEmulator lambda;

  @BeforeAll
  static void start() {
    lambda = Probes.emulator("invoke-api", ProbeFunction.class).start();
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  @Test
  void returnsTheFunctionsPayloadForARequestResponseInvocation() {

    HttpResponse<String> response =
        InvokeClient.invoke(lambda.invokeUri(), "probe", "{\"action\":\"echo\",\"n\":1}");

    assertEquals(200, response.statusCode());
    assertEquals("{\"action\":\"echo\",\"n\":1}", response.body());
    assertEquals(Optional.empty(), response.headers().firstValue("X-Amz-Function-Error"));
    assertEquals("$LATEST", response.headers().firstValue("X-Amz-Executed-Version").orElseThrow());
  }

  @Test
  void reportsAHandlerExceptionAsAnUnhandledFunctionError() throws Exception {

    HttpResponse<String> response =
        InvokeClient.invoke(lambda.invokeUri(), "probe", "{\"action\":\"throw\"}");

    assertEquals(200, response.statusCode());
    assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElseThrow());
    JsonNode error = JSON.readTree(response.body());
    assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
    assertEquals("probe failure", error.path("errorMessage").asText());
  }

  @Test
  void restartsACrashedRuntimeOnTheNextInvocation() throws Exception {
    long before = pid(lambda);

    HttpResponse<String> crash =
        InvokeClient.invoke(lambda.invokeUri(), "probe", "{\"action\":\"crash\"}");
    long after = pid(lambda);

    assertEquals("Unhandled", crash.headers().firstValue("X-Amz-Function-Error").orElseThrow());
    assertEquals("Runtime.ExitError", JSON.readTree(crash.body()).path("errorType").asText());
    assertTrue(crash.body().contains("exit status 3"));
    assertNotEquals(before, after);
  }

  @Test
  void givesTheHandlerTheStandardEnvironmentAndNoneOfTheEmulatorsOwn() {

    JsonNode env = environment(lambda);

    assertEquals("probe", env.path("functionName").asText());
    assertEquals(ProbeFunction.class.getName(), env.path("handler").asText());
    assertTrue(env.path("cwd").asText().contains("/task-"));
    assertTrue(env.path("home").isNull());
    assertTrue(env.path("remainingMs").asInt() > 0);
  }

  @Test
  void extractsTheJniLibraryIntoTheEnvironmentsOwnFolder() {

    JsonNode env = environment(lambda);

    String jni = env.path("jni").asText();
    assertTrue(jni.contains("/emulator-tests/invoke-api/instances/probe-"), jni);
    assertTrue(jni.endsWith("/jni/libaws-lambda-jni.so"), jni);
    assertTrue(env.path("tmpdir").asText().contains("/instances/probe-"));
  }

  @Test
  void startsTwoEnvironmentsAtOnceEachWithAJniLibraryOfItsOwn() throws Exception {
    try (LambdaEmulator first = Probes.emulator("parallel-1", ProbeFunction.class).start();
        LambdaEmulator second = Probes.emulator("parallel-2", ProbeFunction.class).start()) {
      var one = CompletableFuture.supplyAsync(() -> environment(first));
      var two = CompletableFuture.supplyAsync(() -> environment(second));

      JsonNode a = one.get();
      JsonNode b = two.get();
      assertTrue(a.path("jni").asText().contains("/parallel-1/"), a.path("jni").asText());
      assertTrue(b.path("jni").asText().contains("/parallel-2/"), b.path("jni").asText());
    }
  }

  @Test
  void answersResourceNotFoundForAnUnknownFunction() {

    HttpResponse<String> response = InvokeClient.invoke(lambda.invokeUri(), "nobody", "{}");

    assertEquals(404, response.statusCode());
    assertEquals(
        "ResourceNotFoundException",
        response.headers().firstValue("X-Amzn-ErrorType").orElseThrow());
  }

  @Test
  void acceptsTheFunctionsArnAsItsName() {

    HttpResponse<String> response =
        InvokeClient.invoke(
            lambda.invokeUri(),
            "arn:aws:lambda:us-east-1:123456789012:function:probe",
            "{\"action\":\"echo\"}");

    assertEquals(200, response.statusCode());
  }

  @Test
  void refusesAnAsynchronousInvocation() {

    HttpResponse<String> response = InvokeClient.invoke(lambda.invokeUri(), "probe", "{}", "Event");

    assertEquals(400, response.statusCode());
    assertEquals(
        "InvalidParameterValueException",
        response.headers().firstValue("X-Amzn-ErrorType").orElseThrow());
  }

  @Test
  void reportsAnInitFailureAsUnhandledWithTheRuntimesErrorDocument() throws Exception {
    try (LambdaEmulator failing =
        Probes.emulator("init-failure", FailingInitFunction.class).start()) {

      HttpResponse<String> response = InvokeClient.invoke(failing.invokeUri(), "probe", "{}");

      assertEquals(200, response.statusCode());
      assertEquals(
          "Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElseThrow());
      JsonNode error = JSON.readTree(response.body());
      assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
      assertTrue(error.path("errorMessage").asText().contains("init refused by the probe"));
    }
  }

  @Test
  void endsAnInvocationAtTheTimeoutAndStartsAFreshEnvironmentNextTime() throws Exception {
    try (LambdaEmulator slow =
        Probes.emulator("timeout", ProbeFunction.class).timeout(Duration.ofSeconds(3)).start()) {
      long before = pid(slow);

      HttpResponse<String> timedOut =
          InvokeClient.invoke(slow.invokeUri(), "probe", "{\"action\":\"sleep\"}");
      long after = pid(slow);

      assertEquals(
          "Unhandled", timedOut.headers().firstValue("X-Amz-Function-Error").orElseThrow());
      JsonNode error = JSON.readTree(timedOut.body());
      assertEquals("Sandbox.Timedout", error.path("errorType").asText());
      assertTrue(error.path("errorMessage").asText().contains("Task timed out after 3.00 seconds"));
      assertNotEquals(before, after);
    }
  }

  private static long pid(LambdaEmulator emulator) {
    return environment(emulator).path("pid").asLong();
  }

  /** What the probe reports of its environment (see {@link ProbeFunction}). */
  private static JsonNode environment(LambdaEmulator emulator) {
    String body =
        InvokeClient.invoke(emulator.invokeUri(), "probe", "{\"action\":\"environment\"}").body();
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
