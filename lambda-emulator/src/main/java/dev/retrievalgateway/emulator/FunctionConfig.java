package dev.retrievalgateway.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one function runs: its name and handler, the unpacked zip, its environment, timeout and
 * memory, and the JVM that runs it.
 *
 * @param jvmOptions options for the function's JVM, before the emulator's own
 * @param aotCache a JDK AOT cache made for this zip by {@link AotCache}, used when present
 * @param logFile where the function's output goes; empty means this process's own output
 */
record FunctionConfig(
    String name,
    String handler,
    Path taskRoot,
    Path workDir,
    Map<String, String> environment,
    Duration timeout,
    int memoryMb,
    Path javaCommand,
    List<String> jvmOptions,
    Optional<Path> aotCache,
    Optional<Path> logFile) {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  FunctionConfig {
    environment = Map.copyOf(environment);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** With an AOT cache, being made or used, the task root's classes travel as one jar. */
  boolean classesAsJar() {
    return aotCache.isPresent()
        || jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput"));
  }

  String arn() {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }
}
