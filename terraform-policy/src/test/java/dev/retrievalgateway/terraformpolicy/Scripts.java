package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrievalgateway.testkit.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the cloud scripts as an operator would, with a controlled environment. */
final class Scripts {
  private Scripts() {}

  record Result(int exit, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** Skips the test (with the reason) unless the tool is on the PATH. */
  static void assumeTool(String tool) {
    assumeTrue(onPath(tool), tool + " is not installed: skipped");
  }

  static boolean onPath(String tool) {
    try {
      Process p =
          new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * An environment with dummy credentials and no trace of the real AWS set-up of whoever runs the
   * tests: no profile, no config or credentials file, no instance metadata.
   */
  static Map<String, String> awsEnv(Path scratch) {
    Map<String, String> env = new HashMap<>();
    System.getenv()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("AWS_") && !k.startsWith("TF_") && !k.equals("ENV_PREFIX")) {
                env.put(k, v);
              }
            });
    try {
      Path config = Files.createDirectories(scratch).resolve("aws-config");
      Files.writeString(config, "");
      env.put("AWS_CONFIG_FILE", config.toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", config.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Well-known dummy values (as in moto's and AWS's own examples), never real ones.
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_MAX_ATTEMPTS", "1");
    return env;
  }

  static Result run(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(Repo.root().toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    ChildProcess.Exit exit = ChildProcess.start(pb).awaitExit(Duration.ofSeconds(180));
    return new Result(exit.code(), exit.stdout(), exit.stderr());
  }

  static Result script(String name, Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Repo.path("scripts/" + name).toString());
    command.addAll(List.of(args));
    return run(command, env);
  }
}
