package dev.retrievalgateway.emulator;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Lambda on this machine, without Docker: one function from its deployment zip, reachable
 * through the Lambda Invoke API and through an API Gateway HTTP API front, each on its own loopback
 * port, with the Runtime API internal to each execution environment.
 *
 * <pre>{@code
 * try (LambdaEmulator lambda = LambdaEmulator.builder()
 *     .zip(Path.of("service/target/gateway-lambda.zip"))
 *     .handler("dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest")
 *     .environment("GATEWAY_LAMBDA_INSECURE_HEADERMODE", "true")
 *     .start()) {
 *   URI api = lambda.frontUri();      // curl it like the local server
 *   URI invoke = lambda.invokeUri();  // aws lambda invoke --endpoint-url ...
 * }
 * }</pre>
 */
public final class LambdaEmulator implements AutoCloseable {
  private final LambdaFunction function;
  private final WebServer front;
  private final WebServer invoke;

  private LambdaEmulator(LambdaFunction function, WebServer front, WebServer invoke) {
    this.function = function;
    this.front = front;
    this.invoke = invoke;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API Gateway HTTP API front: plain HTTP in, the function's answer out. */
  public URI frontUri() {
    return URI.create("http://127.0.0.1:" + front.port());
  }

  /** The Lambda Invoke API endpoint, for {@code --endpoint-url} or an SDK's endpoint override. */
  public URI invokeUri() {
    return URI.create("http://127.0.0.1:" + invoke.port());
  }

  public LambdaFunction function() {
    return function;
  }

  @Override
  public void close() {
    front.stop();
    invoke.stop();
    function.close();
  }

  /** The function and the emulator's ports; everything but the zip and handler has a default. */
  public static final class Builder {
    private Path zip;
    private String handler;
    private String name = "gateway";
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private int memoryMb = 1024;
    private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
    private Path aotCache;
    private Path logFile;
    private Path workDir = Path.of("target", "lambda-emulator");
    private int frontPort;
    private int invokePort;

    /**
     * C1 only: the function's JVM spends its short life starting, and C2 would only compete for the
     * CPU with start-up (see docs/lambda.md for the measurements).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS =
        List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /**
     * The function's {@code JAVA_TOOL_OPTIONS}, as the dev stack's function configuration sets it:
     * a heap well inside the 1,024 MB function (metaspace, code cache, thread stacks and the
     * runtime client need the rest), and exit on OutOfMemoryError, so that a broken instance is
     * replaced rather than left answering 500s. A command-line heap flag beats this variable (the
     * JVM reads it first); the emulated runtime therefore passes none when it sets a heap.
     */
    public static final String FUNCTION_JAVA_TOOL_OPTIONS = "-Xmx512m -XX:+ExitOnOutOfMemoryError";

    private Builder() {
      environment.put("JAVA_TOOL_OPTIONS", FUNCTION_JAVA_TOOL_OPTIONS);
    }

    public Builder zip(Path value) {
      zip = value;
      return this;
    }

    /** For example {@code dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest}. */
    public Builder handler(String value) {
      handler = value;
      return this;
    }

    public Builder functionName(String value) {
      name = value;
      return this;
    }

    public Builder environment(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** The function's environment so far (a copy). */
    Map<String, String> environment() {
      return Map.copyOf(environment);
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder memoryMb(int value) {
      memoryMb = value;
      return this;
    }

    /** Replaces the function JVM's options (default {@link #DEFAULT_JVM_OPTIONS}). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    /** A JDK AOT cache for this zip (see {@link AotCache}); ignored when the file is missing. */
    public Builder aotCache(Path value) {
      aotCache = value;
      return this;
    }

    /** Appends the function's output to this file instead of this process's output. */
    public Builder logFile(Path value) {
      logFile = value;
      return this;
    }

    /** Where the zip is unpacked and each environment keeps its JNI library and /tmp. */
    public Builder workDir(Path value) {
      workDir = value;
      return this;
    }

    /** The API front's port; 0 (the default) picks a free one. */
    public Builder frontPort(int value) {
      frontPort = value;
      return this;
    }

    /** The Invoke API's port; 0 (the default) picks a free one. */
    public Builder invokePort(int value) {
      invokePort = value;
      return this;
    }

    FunctionConfig config() {
      if (zip == null || handler == null) {
        throw new IllegalStateException("a zip and a handler are required");
      }
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException("no function zip at " + zip + " (run make package)");
      }
      Path work = workDir.toAbsolutePath();
      String sha = FunctionZip.sha256(zip);
      Path taskRoot = FunctionZip.unpack(zip, work.resolve("task-" + sha.substring(0, 16)));
      try {
        Files.createDirectories(work);
        if (logFile != null) {
          Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new FunctionConfig(
          name,
          handler,
          taskRoot,
          work,
          environment,
          timeout,
          memoryMb,
          // The function runs on the emulator's own JDK (the managed runtime brings its own).
          Path.of(System.getProperty("java.home"), "bin", "java"),
          jvmOptions,
          Optional.ofNullable(aotCache).map(Path::toAbsolutePath),
          Optional.ofNullable(logFile).map(Path::toAbsolutePath));
    }

    public LambdaEmulator start() {
      LambdaFunction function = new LambdaFunction(config());
      WebServer invoke =
          WebServer.builder()
              .host("127.0.0.1")
              .port(invokePort)
              .maxPayloadSize(RuntimeApi.MAX_RESPONSE_BYTES)
              .routing(new InvokeApi(Map.of(function.name(), function))::routing)
              .build()
              .start();
      WebServer front;
      try {
        front =
            WebServer.builder()
                .host("127.0.0.1")
                .port(frontPort)
                // API Gateway takes up to 10 MB; the request line and header limits are left to the
                // function, so that the gateway's own 414 and 431 reach the client as locally.
                .maxPayloadSize(10L * 1024 * 1024)
                .directHandlers(HttpApiFront.directHandlers())
                .addProtocol(
                    Http1Config.builder()
                        .maxPrologueLength(256 * 1024)
                        .maxHeadersSize(256 * 1024)
                        .build())
                .routing(new HttpApiFront(function)::routing)
                .build()
                .start();
      } catch (RuntimeException e) {
        invoke.stop();
        throw e;
      }
      return new LambdaEmulator(function, front, invoke);
    }
  }
}
