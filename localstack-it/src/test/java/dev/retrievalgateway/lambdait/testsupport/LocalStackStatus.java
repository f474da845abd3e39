package dev.retrievalgateway.lambdait.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Whether the LocalStack tests can run here, said in one line that the build prints (surefire keeps
 * test output in files, so the line also goes to {@code target/localstack-status.txt}, which {@code
 * make lambda-it} and the gate print): LocalStack is never skipped silently.
 */
public final class LocalStackStatus {
  public static final String SKIPPED =
      "LocalStack skipped: no Docker daemon is reachable here (Testcontainers found no Docker"
          + " environment)";

  private LocalStackStatus() {}

  /** True when a Docker daemon answers; otherwise records why LocalStack was skipped. */
  public static boolean dockerAvailable() {
    boolean available;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      available = false;
    }
    if (!available) {
      record("localstack-it: " + SKIPPED);
    }
    return available;
  }

  public static void record(String line) {
    System.out.println(line);
    Path file =
        Path.of(System.getProperty("lambda.workDir", "target/lambda-it"))
            .resolveSibling("localstack-status.txt");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, line + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
