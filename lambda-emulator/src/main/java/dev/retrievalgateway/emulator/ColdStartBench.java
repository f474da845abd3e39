package dev.retrievalgateway.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the gateway's zip under emulation, for each JVM set-up: cold start (from the request
 * that starts a fresh execution environment to its response, so process start, init and the first
 * invocation) and warm invocation medians through the API front. Loopback only; bounded runs.
 *
 * <pre>
 * make bench-lambda          # COLD_RUNS=5 WARM_RUNS=50
 * </pre>
 */
public final class ColdStartBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Held, so that the level set on it stays: Helidon's INFO lines describe its own start. */
  private static final java.util.logging.Logger HELIDON =
      java.util.logging.Logger.getLogger("io.helidon");

  private record Variant(String name, List<String> jvmOptions, boolean aot) {}

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    HELIDON.setLevel(java.util.logging.Level.WARNING);
    Path zip = Path.of(arg(args, "--zip", "service/target/gateway-lambda.zip"));
    String handler =
        arg(args, "--handler", "dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest");
    int coldRuns = Integer.parseInt(arg(args, "--cold-runs", "5"));
    int warmRuns = Integer.parseInt(arg(args, "--warm-runs", "50"));
    Path work = Path.of(arg(args, "--work-dir", "target/bench-lambda")).toAbsolutePath();
    List<String> c1 = LambdaEmulator.Builder.DEFAULT_JVM_OPTIONS;
    List<Variant> variants =
        List.of(
            new Variant("JVM defaults", List.of(), false),
            new Variant("C1 only (TieredStopAtLevel=1)", c1, false),
            new Variant("AOT cache", List.of(), true),
            new Variant("C1 only + AOT cache", c1, true));
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            Locale.ROOT,
            "%-32s %12s %12s %14s %14s",
            "JVM set-up",
            "cold median",
            "cold range",
            "warm /health",
            "warm /query"));
    for (Variant variant : variants) {
      Path aot = work.resolve(variant.name().replaceAll("[^A-Za-z0-9]+", "-") + ".aot");
      LambdaEmulator.Builder builder =
          LambdaEmulator.builder()
              .zip(zip)
              .handler(handler)
              .environment("GATEWAY_LAMBDA_INSECURE_HEADERMODE", "true")
              .jvmOptions(variant.jvmOptions())
              .workDir(work)
              .logFile(work.resolve("function.log"));
      if (variant.aot()) {
        AotCache.ensure(builder, aot);
        builder.aotCache(aot);
      }
      long[] cold = new long[coldRuns];
      long[] health = new long[0];
      long[] query = new long[0];
      for (int run = 0; run < coldRuns; run++) {
        try (LambdaEmulator lambda = builder.start()) {
          cold[run] = timeMillis(health(lambda.frontUri()));
          if (run == coldRuns - 1) {
            health = warm(health(lambda.frontUri()), warmRuns);
            query = warm(query(lambda.frontUri()), warmRuns);
          }
        }
      }
      Arrays.sort(cold);
      String line =
          String.format(
              Locale.ROOT,
              "%-32s %9d ms %5d-%-5d %11.1f ms %11.1f ms",
              variant.name(),
              median(cold),
              cold[0],
              cold[cold.length - 1],
              medianOf(health),
              medianOf(query));
      System.err.println(line);
      report.add(line);
    }
    report.add(
        "cold: request to a fresh environment until its response (process start, init, first"
            + " invocation); "
            + coldRuns
            + " runs each. warm: median of "
            + warmRuns
            + " sequential requests. JVM: "
            + Runtime.version());
    Files.createDirectories(work);
    Files.write(work.resolve("report.txt"), report);
    report.forEach(System.out::println);
  }

  private static HttpRequest health(URI base) {
    return HttpRequest.newBuilder(base.resolve("/health")).GET().build();
  }

  private static HttpRequest query(URI base) {
    return HttpRequest.newBuilder(base.resolve("/query"))
        .header("X-User", "bench")
        .header("X-Tenant", "tenant-a")
        .header("X-Role", "analyst")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"retention policy\",\"top_k\":5}"))
        .build();
  }

  private static long timeMillis(HttpRequest built) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Void> response = CLIENT.send(built, HttpResponse.BodyHandlers.discarding());
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("unexpected status " + response.statusCode());
    }
    return elapsed;
  }

  private static long[] warm(HttpRequest built, int runs) throws Exception {
    long[] micros = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      CLIENT.send(built, HttpResponse.BodyHandlers.discarding());
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    return micros;
  }

  private static long median(long[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static double medianOf(long[] sortedMicros) {
    return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length / 2] / 1000.0;
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
