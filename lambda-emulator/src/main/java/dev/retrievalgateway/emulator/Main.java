package dev.retrievalgateway.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Serves one function zip under emulation until stopped (Ctrl-C).
 *
 * <pre>
 * make run-lambda-local
 * java -cp ... dev.retrievalgateway.emulator.Main --zip service/target/gateway-lambda.zip \
 *     --handler dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest \
 *     --front-port 8000 --invoke-port 9001 --env GATEWAY_LAMBDA_INSECURE_HEADERMODE=true
 * </pre>
 *
 * Options: {@code --zip}, {@code --handler}, {@code --function-name} (gateway), {@code
 * --front-port} (8000), {@code --invoke-port} (9001), {@code --timeout} seconds (30), {@code
 * --memory} MB (1024), {@code --env KEY=VALUE} (repeatable), {@code --jvm-options "..."}, {@code
 * --aot-cache FILE} (made on first use), {@code --work-dir} (target/lambda-emulator), {@code
 * --log-file FILE}. Its own lines go to standard error; the function's output to standard output.
 */
public final class Main {
  /** Held, so that the level set on it stays: Helidon's INFO lines describe its own start. */
  private static final java.util.logging.Logger HELIDON =
      java.util.logging.Logger.getLogger("io.helidon");

  private Main() {}

  public static void main(String[] args) {
    HELIDON.setLevel(java.util.logging.Level.WARNING);
    LambdaEmulator.Builder builder = LambdaEmulator.builder().frontPort(8000).invokePort(9001);
    Path zip = null;
    Path aotCache = null;
    String handler = null;
    String name = "gateway";
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String value = i + 1 < args.length ? args[++i] : usage("missing value for " + option);
      switch (option) {
        case "--zip" -> zip = Path.of(value);
        case "--handler" -> handler = value;
        case "--function-name" -> name = value;
        case "--front-port" -> builder.frontPort(Integer.parseInt(value));
        case "--invoke-port" -> builder.invokePort(Integer.parseInt(value));
        case "--timeout" -> builder.timeout(Duration.ofSeconds(Long.parseLong(value)));
        case "--memory" -> builder.memoryMb(Integer.parseInt(value));
        case "--env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            usage("--env takes KEY=VALUE");
          }
          builder.environment(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--jvm-options" ->
            builder.jvmOptions(
                value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+")));
        case "--aot-cache" -> aotCache = Path.of(value);
        case "--work-dir" -> builder.workDir(Path.of(value));
        case "--log-file" -> builder.logFile(Path.of(value));
        default -> usage("unknown option " + option);
      }
    }
    if (zip == null || handler == null) {
      usage("--zip and --handler are required");
    }
    builder.zip(zip).handler(handler).functionName(name);
    if (aotCache != null) {
      AotCache.ensure(builder, aotCache);
      builder.aotCache(aotCache);
    }
    LambdaEmulator emulator = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
    System.err.println("lambda-emulator: function " + name + " from " + zip + " (" + handler + ")");
    System.err.println("lambda-emulator: API Gateway HTTP API front  " + emulator.frontUri());
    System.err.println(
        "lambda-emulator: Lambda Invoke API            "
            + emulator.invokeUri()
            + "  (aws lambda invoke --endpoint-url "
            + emulator.invokeUri()
            + " --function-name "
            + name
            + " ...)");
    System.err.println("lambda-emulator: the function starts on the first request (a cold start)");
  }

  private static String usage(String problem) {
    System.err.println("lambda-emulator: " + problem + " (see the Main class's Javadoc)");
    System.exit(2);
    return null;
  }
}
