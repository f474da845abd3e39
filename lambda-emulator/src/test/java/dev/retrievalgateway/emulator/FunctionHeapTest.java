package dev.retrievalgateway.emulator;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionHeapTest {
  private static List<String> commandWith(Map<String, String> environment) {
    FunctionConfig config =
        new FunctionConfig(
            "gateway",
            "example.Handler::handleRequest",
            Path.of("task"),
            Path.of("work"),
            environment,
            Duration.ofSeconds(30),
            1024,
            Path.of("java"),
            List.of(),
            Optional.empty(),
            Optional.empty());
    return FunctionInstance.command(config, Path.of("work/tmp"), Path.of("work/jni"));
  }

  @Test
  void everyFunctionGetsTheDevStacksHeapAndExitOnOutOfMemory() {
    assertAll(
        () ->
            assertEquals(
                "-Xmx512m -XX:+ExitOnOutOfMemoryError",
                LambdaEmulator.Builder.FUNCTION_JAVA_TOOL_OPTIONS,
                "the heap the dev stack's function sets"),
        () ->
            assertEquals(
                LambdaEmulator.Builder.FUNCTION_JAVA_TOOL_OPTIONS,
                LambdaEmulator.builder().environment().get("JAVA_TOOL_OPTIONS"),
                "a builder's function environment"));
  }

  @Test
  void aHeapInJavaToolOptionsIsNotOverriddenByTheRuntimesCommandLine() {
    List<String> command =
        commandWith(Map.of("JAVA_TOOL_OPTIONS", LambdaEmulator.Builder.FUNCTION_JAVA_TOOL_OPTIONS));

    assertTrue(
        command.stream().noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeap")),
        "no command-line heap flag, which the JVM would prefer to JAVA_TOOL_OPTIONS: " + command);
  }

  @Test
  void withoutAHeapOfItsOwnTheFunctionGetsLambdasShareOfItsMemory() {
    List<String> command = commandWith(Map.of("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError"));

    assertTrue(command.contains("-Xmx870m"), "85% of 1,024 MB: " + command);
  }
}
