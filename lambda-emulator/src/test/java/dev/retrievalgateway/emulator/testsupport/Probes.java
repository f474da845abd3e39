package dev.retrievalgateway.emulator.testsupport;

import dev.retrievalgateway.emulator.LambdaEmulator;
import java.nio.file.Path;

/**
 * Emulators over the probe functions, each with a work folder of its own under {@code
 * target/emulator-tests} (the functions' output lands in {@code function.log} there).
 *
 * <pre>{@code
 * try (LambdaEmulator lambda = Probes.emulator("timeouts", ProbeFunction.class)
 *     .timeout(Duration.ofSeconds(2)).start()) { ... }
 * }</pre>
 */
public final class Probes {
  private Probes() {}

  public static LambdaEmulator.Builder emulator(String name, Class<?> handler) {
    Path work = Path.of("target", "emulator-tests", name).toAbsolutePath();
    return LambdaEmulator.builder()
        .zip(ProbeZip.in(work))
        .handler(handler.getName())
        .functionName("probe")
        .workDir(work)
        .logFile(work.resolve("function.log"));
  }
}
