package dev.retrievalgateway.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The official AWS Lambda Java runtime interface client (aws-lambda-java-runtime-interface-client)
 * and the jars it needs, as this emulator's own dependencies, found on its classpath; and its JNI
 * library, extracted for one function instance.
 */
final class RuntimeClient {
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** Names the JNI library the client loads instead of extracting one to a shared /tmp path. */
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /** One class from each jar of the runtime client and its dependencies. */
  private static final List<String> MARKERS =
      List.of(
          "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class",
          "com/amazonaws/services/lambda/runtime/Context.class",
          "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
          "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class");

  private RuntimeClient() {}

  /** The jars that make up the runtime, in a fixed order. */
  static List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    for (String marker : MARKERS) {
      URL url = RuntimeClient.class.getClassLoader().getResource(marker);
      if (url == null || !url.getProtocol().equals("jar")) {
        throw new IllegalStateException("runtime interface client not on the classpath: " + marker);
      }
      String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
      try {
        jars.add(Path.of(new URL(file).toURI()));
      } catch (IOException | URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + marker, e);
      }
    }
    return jars;
  }

  /**
   * Extracts the JNI library for this machine into {@code folder}. Left to itself, the client
   * extracts it to {@code /tmp/.libaws-lambda-jni.so}, one path for every instance on the machine,
   * so that parallel instances overwrite each other's library while loading it.
   */
  static Path extractJni(Path folder) {
    String resource = "jni/libaws-lambda-jni." + platform() + ".so";
    try (InputStream in = RuntimeClient.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no JNI library for this platform: " + resource);
      }
      Files.createDirectories(folder);
      Path target = folder.resolve("libaws-lambda-jni.so");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String platform() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> throw new IllegalStateException("unsupported processor: " + arch);
        };
    boolean musl;
    try (var libs = Files.list(Path.of("/lib"))) {
      musl = libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException e) {
      musl = false;
    }
    return (musl ? "linux_musl-" : "linux-") + cpu;
  }
}
