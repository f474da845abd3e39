package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Makefile as an operator meets it: a dry run of a cloud target runs nothing, and the JDK
 * option for Maven is passed only to a JDK that knows it. The cloud tools (aws, terraform) and
 * Maven are replaced by stand-ins that write down every call, so that a run which should not happen
 * leaves a trace instead of reaching AWS.
 */
class MakefileToolchainTest {
  private static final String UNSAFE_OPTION = "--sun-misc-unsafe-memory-access=allow";

  @TempDir static Path tools;
  private static Path trace;

  @BeforeAll
  static void standIns() throws IOException {
    Scripts.assumeTool("make");
    trace = tools.resolve("trace");
    for (String tool : List.of("aws", "terraform")) {
      executable(tools.resolve(tool), "echo \"" + tool + " $*\" >> '" + trace + "'\nexit 1\n");
    }
    executable(tools.resolve("mvn-opts"), "echo \"MAVEN_OPTS=[$MAVEN_OPTS]\"\n");
    // A JDK older than 23 as far as this option goes: it refuses it, as JDK 21 does.
    Path oldJdk = Files.createDirectories(tools.resolve("jdk21/bin"));
    executable(
        oldJdk.resolve("java"),
        "for a in \"$@\"; do [ \"$a\" = "
            + UNSAFE_OPTION
            + " ] && "
            + "{ echo \"Unrecognized option: $a\" >&2; exit 1; }; done\nexit 0\n");
  }

  private static void executable(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Map<String, String> env() {
    Map<String, String> env = Scripts.awsEnv(tools.resolve("aws-home"));
    env.put("PATH", tools + ":" + System.getenv("PATH"));
    env.put("AWS_REGION", "eu-west-1");
    env.remove("MAVEN_OPTS");
    env.remove("MAKEFLAGS");
    return env;
  }

  private static Scripts.Result make(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("make", "--no-print-directory"));
    command.addAll(List.of(args));
    return Scripts.run(command, env);
  }

  @ParameterizedTest(name = "make -n {0}")
  @ValueSource(
      strings = {
        "deploy-dev",
        "doctor-aws",
        "smoke-cloud",
        "logs-cloud",
        "destroy-dev",
        "smoke-local"
      })
  void aDryRunOfAScriptedTargetRunsNothing(String target) throws IOException {
    Files.deleteIfExists(trace);

    Scripts.Result result = make(env(), "-n", target);

    assertAll(
        target,
        () -> assertEquals(0, result.exit(), result::toString),
        () -> assertTrue(result.stdout().contains("scripts/" + target), "prints its script"),
        () -> assertFalse(Files.exists(trace), () -> "ran: " + Repo.read(trace)));
  }

  @Test
  void passesTheUnsafeMemoryOptionToNoJdkThatRefusesIt() {
    Map<String, String> env = env();

    Scripts.Result result =
        make(
            env,
            "install",
            "MVN=" + tools.resolve("mvn-opts"),
            "JAVA_HOME=" + tools.resolve("jdk21"));

    assertEquals(0, result.exit(), result::toString);
    assertTrue(result.stdout().contains("MAVEN_OPTS=[]"), result::toString);
  }

  @Test
  void passesTheUnsafeMemoryOptionToAJdkThatAcceptsIt() {
    Map<String, String> env = env();
    Scripts.Result version =
        Scripts.run(
            List.of(
                "bash", "-c", "\"$(scripts/find-jdk)/bin/java\" " + UNSAFE_OPTION + " -version"),
            env);

    Scripts.Result result = make(env, "install", "MVN=" + tools.resolve("mvn-opts"));

    boolean accepted = version.exit() == 0;
    assertEquals(
        accepted, result.stdout().contains("MAVEN_OPTS=[" + UNSAFE_OPTION + "]"), result::toString);
  }

  @Test
  void keepsTheCallersMavenOpts() {
    Map<String, String> env = new HashMap<>(env());
    env.put("MAVEN_OPTS", "-Xmx1g");

    Scripts.Result result = make(env, "install", "MVN=" + tools.resolve("mvn-opts"));

    assertTrue(result.stdout().contains("MAVEN_OPTS=[-Xmx1g]"), result::toString);
  }
}
