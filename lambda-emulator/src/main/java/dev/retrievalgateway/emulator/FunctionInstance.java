package dev.retrievalgateway.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One execution environment: a child JVM running the official runtime interface client over the
 * unpacked zip, and the Runtime API it polls. Lambda's layout: working directory = the task root
 * (as {@code /var/task}), classpath = its classes and {@code lib/*} plus the runtime client, the
 * handler as the first argument, the standard Lambda environment variables and nothing else of this
 * process's environment.
 */
final class FunctionInstance implements AutoCloseable {
  private final FunctionConfig config;
  private final RuntimeApi runtimeApi;
  private final Process process;
  private final List<String> command;
  private boolean closed;

  private FunctionInstance(
      FunctionConfig config, RuntimeApi runtimeApi, Process process, List<String> command) {
    this.config = config;
    this.runtimeApi = runtimeApi;
    this.process = process;
    this.command = command;
  }

  /** Starts the JVM; its init phase runs until it asks the Runtime API for the first event. */
  static FunctionInstance start(FunctionConfig config, Path instanceDir) {
    RuntimeApi runtimeApi = new RuntimeApi(config.arn());
    try {
      Path tmp = Files.createDirectories(instanceDir.resolve("tmp"));
      Path jni = RuntimeClient.extractJni(instanceDir.resolve("jni"));
      List<String> command = command(config, tmp, jni);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(config.taskRoot().toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(environment(config, runtimeApi.address(), tmp));
      if (config.logFile().isPresent()) {
        ProcessBuilder.Redirect log =
            ProcessBuilder.Redirect.appendTo(config.logFile().get().toFile());
        builder.redirectOutput(log).redirectError(log);
      } else {
        builder
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
      }
      return new FunctionInstance(config, runtimeApi, builder.start(), command);
    } catch (IOException | RuntimeException e) {
      runtimeApi.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  static List<String> command(FunctionConfig config, Path tmp, Path jni) {
    List<String> command = new ArrayList<>();
    command.add(config.javaCommand().toString());
    command.addAll(config.jvmOptions());
    // Lambda sizes the heap from the function's memory and runs the serial collector. A heap the
    // function sets in JAVA_TOOL_OPTIONS must not be overridden by a later command-line flag.
    String toolOptions = config.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
    if (!toolOptions.matches(".*(-Xmx|-XX:MaxHeapSize=|-XX:MaxRAMPercentage=).*")) {
      command.add("-Xmx" + (config.memoryMb() * 85 / 100) + "m");
    }
    command.add("-XX:+UseSerialGC");
    // The runtime client loads a JNI library; JDK 24+ warns about that unless it is allowed.
    if (Runtime.version().feature() >= 24) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    if (config.classesAsJar()) {
      // The AOT cache's own warnings would land among the function's JSON log lines on stdout.
      command.add("-Xlog:aot*=error:stderr");
    }
    config.aotCache().filter(Files::exists).ifPresent(c -> command.add("-XX:AOTCache=" + c));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-D" + RuntimeClient.JNI_PROPERTY + "=" + jni);
    command.add("-cp");
    command.add(classpath(config.taskRoot(), config.classesAsJar()));
    command.add(RuntimeClient.MAIN_CLASS);
    command.add(config.handler());
    return command;
  }

  /**
   * The task root (or its classes as one jar, see {@link FunctionZip#classesJar}), its {@code
   * lib/*.jar} in name order, then the runtime client's jars.
   */
  static String classpath(Path taskRoot, boolean classesAsJar) {
    List<String> entries = new ArrayList<>();
    entries.add(classesAsJar ? FunctionZip.classesJar(taskRoot).toString() : taskRoot.toString());
    Path lib = taskRoot.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> jars = Files.list(lib)) {
        jars.filter(p -> p.toString().endsWith(".jar"))
            .sorted()
            .forEach(p -> entries.add(p.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    RuntimeClient.jars().forEach(p -> entries.add(p.toString()));
    return String.join(File.pathSeparator, entries);
  }

  /** Lambda's reserved variables, then the function's own (which may not replace them). */
  static Map<String, String> environment(FunctionConfig config, String runtimeApi, Path tmp) {
    Map<String, String> env = new LinkedHashMap<>(config.environment());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("_HANDLER", config.handler());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + tmp.getParent().getFileName());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_REGION", FunctionConfig.REGION);
    env.put("AWS_DEFAULT_REGION", FunctionConfig.REGION);
    env.put("LAMBDA_TASK_ROOT", config.taskRoot().toString());
    env.put("LAMBDA_RUNTIME_DIR", config.taskRoot().toString());
    return env;
  }

  List<String> command() {
    return command;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Runs one invocation to its end: the runtime's response or error, or the init phase failing, the
   * process exiting, or the timeout passing (init and invocation have the function's timeout each,
   * as on Lambda when init runs inside the first invocation).
   */
  InvokeResult invoke(String requestId, byte[] payload) {
    long timeout = config.timeout().toMillis();
    Invocation invocation = new Invocation(requestId, payload, timeout);
    runtimeApi.submit(invocation);
    Step init =
        firstOf(
            timeout,
            invocation.taken.thenApply(Step.Taken::new),
            runtimeApi.initError().thenApply(Step.InitFailed::new),
            exited());
    if (!(init instanceof Step.Taken taken)) {
      return ended(requestId, init, timeout);
    }
    long remaining = Math.max(1, taken.deadline() - System.currentTimeMillis());
    Step run = firstOf(remaining, invocation.outcome.thenApply(Step.Reported::new), exited());
    return ended(requestId, run, timeout);
  }

  /**
   * What ended one wait on this environment: each a type of its own, so that {@link #invoke} tells
   * them apart by pattern rather than by testing and casting whatever future completed first.
   */
  private sealed interface Step {
    /** The runtime took the invocation; it must answer by {@code deadline} (epoch ms). */
    record Taken(long deadline) implements Step {}

    /** The runtime reported an init error before taking the invocation. */
    record InitFailed(byte[] document) implements Step {}

    /** The runtime answered the invocation (a response or an error document). */
    record Reported(Invocation.Outcome outcome) implements Step {}

    /** The function's process ended. */
    record Exited() implements Step {}

    /** Nothing happened within the time allowed. */
    record TimedOut() implements Step {}
  }

  private InvokeResult ended(String requestId, Step step, long timeout) {
    return switch (step) {
      case Step.Reported(Invocation.Outcome.Response response) ->
          InvokeResult.success(requestId, response.body());
      case Step.Reported(Invocation.Outcome.Error error) ->
          InvokeResult.functionError(requestId, error.body());
      case Step.InitFailed initFailed -> failed(requestId, initFailed.document());
      case Step.Exited exited -> failed(requestId, exitError(requestId));
      case Step.TimedOut timedOut -> failed(requestId, LambdaErrors.timedOut(requestId, timeout));
      case Step.Taken taken ->
          throw new IllegalStateException("an invocation that was taken has not ended yet");
    };
  }

  private CompletableFuture<Step> exited() {
    return process.onExit().thenApply(p -> new Step.Exited());
  }

  /** The first of {@code steps} to complete, or {@link Step.TimedOut} after {@code millis}. */
  @SafeVarargs
  private static Step firstOf(long millis, CompletableFuture<? extends Step>... steps) {
    CompletableFuture<Step> first = new CompletableFuture<>();
    for (CompletableFuture<? extends Step> step : steps) {
      step.whenComplete(
          (done, failure) -> {
            if (failure != null) {
              first.completeExceptionally(failure);
            } else {
              first.complete(done);
            }
          });
    }
    try {
      return first.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Step.TimedOut();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Step.TimedOut();
    }
  }

  private byte[] exitError(String requestId) {
    return LambdaErrors.exited(requestId, process.exitValue());
  }

  /** A failure after which this environment is not used again, as Lambda resets it. */
  private InvokeResult failed(String requestId, byte[] document) {
    close();
    return InvokeResult.functionError(requestId, document);
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after two seconds) and the Runtime API. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }

  /** Stops the JVM with SIGTERM, waiting up to {@code grace} before SIGKILL. */
  synchronized void stop(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    runtimeApi.close();
  }
}
