package dev.retrievalgateway.emulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JDK AOT cache (JEP 483 and 514, JDK 25+) for one function zip: classes loaded and linked ahead
 * of time, made by a training run of the function that answers a few typical API Gateway events and
 * then stops. Such a cache only works on the JVM build that made it and for the same class path, so
 * it speaks for this emulator, not for AWS's java21 runtime (there, SnapStart is the lever).
 */
public final class AotCache {
  /** Typical requests to the gateway: health, identity, a search, a document read. */
  private static final List<byte[]> TRAINING_EVENTS =
      List.of(
          event("GET", "/health", null),
          event("GET", "/whoami", null),
          event("POST", "/query", "{\"query\":\"retention policy\",\"top_k\":3}"),
          event("GET", "/documents/a-pub-001", null),
          event("GET", "/nowhere", null));

  private AotCache() {}

  /**
   * Makes the cache at {@code file} by a training run unless it exists; prints one line and does
   * nothing on a JDK older than 25.
   */
  static void ensure(LambdaEmulator.Builder builder, Path file) {
    if (Files.exists(file)) {
      return;
    }
    if (Runtime.version().feature() < 25) {
      System.err.println("lambda-emulator: AOT cache needs JDK 25+; running without it");
      return;
    }
    FunctionConfig config = builder.config();
    List<String> options = new ArrayList<>(config.jvmOptions());
    options.add("-XX:AOTCacheOutput=" + file.toAbsolutePath());
    FunctionConfig training =
        new FunctionConfig(
            config.name(),
            config.handler(),
            config.taskRoot(),
            config.workDir(),
            config.environment(),
            config.timeout(),
            config.memoryMb(),
            config.javaCommand(),
            options,
            java.util.Optional.empty(),
            java.util.Optional.of(config.workDir().resolve("aot-training.log")));
    System.err.println(
        "lambda-emulator: training run for the AOT cache "
            + file
            + " (output in "
            + config.workDir().resolve("aot-training.log")
            + ")");
    FunctionInstance instance =
        FunctionInstance.start(
            training, config.workDir().resolve("instances").resolve("aot-training"));
    try {
      for (byte[] event : TRAINING_EVENTS) {
        instance.invoke(java.util.UUID.randomUUID().toString(), event);
      }
    } finally {
      // The JVM writes the cache as it exits; that takes a few seconds.
      instance.stop(Duration.ofMinutes(2));
    }
    System.err.println(
        Files.exists(file)
            ? "lambda-emulator: AOT cache written"
            : "lambda-emulator: no AOT cache was written; running without it");
  }

  private static byte[] event(String method, String path, String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("x-user", List.of("aot"));
    headers.put("x-tenant", List.of("tenant-a"));
    headers.put("x-role", List.of("analyst"));
    if (body != null) {
      headers.put("content-type", List.of("application/json"));
    }
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    return HttpApiEvent.of(
        new HttpApiEvent.Request(method, path, "", headers, bytes, "localhost", "127.0.0.1"),
        "aot");
  }
}
