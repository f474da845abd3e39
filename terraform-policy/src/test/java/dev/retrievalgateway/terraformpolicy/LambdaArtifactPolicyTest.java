package dev.retrievalgateway.terraformpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler string in terraform/lambda.tf names a class that exists, with that method, compiled
 * for the runtime's Java release. Checked in the built zip when `make package` has run; before
 * that, in service/target/classes, then in the sources (with a printed note).
 */
@Tag("claim:cloud-policy")
class LambdaArtifactPolicyTest {

  private static final Path ZIP = Repo.path("service/target/gateway-lambda.zip");

  @TempDir Path unpacked;

  @Test
  @DisplayName("the handler string names a class present in the built zip")
  void handlerClassIsInTheArtifact() throws Exception {
    var function =
        TerraformModule.load(Repo.path("terraform")).single("aws_lambda_function").getValue();
    String handler = String.valueOf(function.get("handler"));
    assertTrue(
        handler.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*::[A-Za-z_$][\\w$]*"),
        "handler must be class::method, got " + handler);
    String className = handler.substring(0, handler.indexOf("::"));
    String method = handler.substring(handler.indexOf("::") + 2);
    String classFile = className.replace('.', '/') + ".class";
    int maxMajor = 44 + javaRelease(); // class-file major version of the runtime's release

    if (Files.exists(ZIP)) {
      try (ZipFile zip = new ZipFile(ZIP.toFile())) {
        ZipEntry entry = zip.getEntry(classFile);
        assertTrue(
            entry != null, ZIP + " has no " + classFile + " at its root (handler " + handler + ")");
        try (InputStream in = zip.getInputStream(entry)) {
          checkClassFile(in.readAllBytes(), classFile, maxMajor, method);
        }
        unzip(zip);
      }
      checkMethodLoadsFrom(unpacked, className, method);
      return;
    }
    Path classes = Repo.path("service/target/classes").resolve(classFile);
    if (Files.exists(classes)) {
      System.out.println(
          "NOTE: " + ZIP + " not built yet (make package); checked " + classes + " instead");
      checkClassFile(Files.readAllBytes(classes), classFile, maxMajor, method);
      return;
    }
    Path source = Repo.path("service/src/main/java").resolve(className.replace('.', '/') + ".java");
    if (Files.exists(source)) {
      System.out.println(
          "NOTE: neither " + ZIP + " nor compiled classes exist yet; checked the source " + source);
      assertTrue(Files.readString(source).contains(method), source + " has no method " + method);
      return;
    }
    fail(
        "handler "
            + handler
            + " names a class found neither in "
            + ZIP
            + " nor in service/target/classes nor in service/src/main/java");
  }

  /** Major version within the runtime's release, and the method's name in the constant pool. */
  private static void checkClassFile(byte[] bytes, String name, int maxMajor, String method) {
    assertTrue(
        bytes.length > 8 && (bytes[0] & 0xff) == 0xCA && (bytes[1] & 0xff) == 0xFE,
        name + " is not a class file");
    int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    assertTrue(
        major <= maxMajor,
        name
            + " is compiled for class-file version "
            + major
            + ", newer than the runtime's "
            + maxMajor);
    assertTrue(
        new String(bytes, StandardCharsets.ISO_8859_1).contains(method),
        name + " has no " + method);
  }

  /**
   * Loads the class from the unpacked zip (classes at the root, lib/*.jar), as Lambda's class path
   * does, and finds a public method of that name with the parameters Lambda calls.
   */
  private static void checkMethodLoadsFrom(Path root, String className, String method)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(root.toUri().toURL());
    Path lib = root.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (var jars = Files.list(lib)) {
        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
          urls.add(jar.toUri().toURL());
        }
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> type;
      Method[] methods;
      try {
        type = Class.forName(className, false, loader);
        methods = type.getMethods();
      } catch (NoClassDefFoundError e) {
        if (String.valueOf(e.getMessage()).startsWith("com/amazonaws/services/lambda/runtime/")) {
          System.out.println(
              "NOTE: the zip leaves "
                  + e.getMessage()
                  + " to the Lambda runtime; method checked by name only");
          return;
        }
        throw new AssertionError("the handler cannot be loaded from the zip: " + e.getMessage(), e);
      }
      assertTrue(
          Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()),
          className + " must be a public concrete class");
      boolean found =
          Arrays.stream(methods)
              .anyMatch(
                  m ->
                      m.getName().equals(method)
                          && (m.getParameterCount() == 2 || m.getParameterCount() == 3));
      assertTrue(
          found, className + " has no public " + method + "(input, context) or (in, out, context)");
    }
  }

  private void unzip(ZipFile zip) throws IOException {
    var entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      Path target = unpacked.resolve(e.getName()).normalize();
      assertTrue(target.startsWith(unpacked), "zip entry escapes its root: " + e.getName());
      if (e.isDirectory()) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target);
        }
      }
    }
  }

  private static int javaRelease() throws Exception {
    var pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repo.path("pom.xml").toFile());
    String release =
        pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent().trim();
    assertEquals(
        "java" + release,
        TerraformModule.load(Repo.path("terraform"))
            .single("aws_lambda_function")
            .getValue()
            .get("runtime"));
    return Integer.parseInt(release);
  }
}
