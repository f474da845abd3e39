package dev.retrievalgateway.emulator.testsupport;

import dev.retrievalgateway.emulator.functions.ProbeFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A deployment zip of the probe functions (package {@code functions} of these tests), classes at
 * the root as Lambda expects; the runtime client supplies aws-lambda-java-core.
 */
public final class ProbeZip {
  private ProbeZip() {}

  private static final Set<Path> WRITTEN = new HashSet<>();

  /**
   * Writes the zip into {@code folder} (once per folder and test run, so that a zip a former run
   * left there never stands in for changed probes) and returns its path.
   */
  public static synchronized Path in(Path folder) {
    Path zip = folder.resolve("probe-functions.zip");
    if (!WRITTEN.add(zip)) {
      return zip;
    }
    try {
      Path classes =
          Path.of(ProbeFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path pkg = classes.resolve("dev/retrievalgateway/emulator/functions");
      List<Path> files;
      try (Stream<Path> list = Files.list(pkg)) {
        files = list.sorted().toList();
      }
      Files.createDirectories(folder);
      try (OutputStream out = Files.newOutputStream(zip);
          ZipOutputStream zipOut = new ZipOutputStream(out)) {
        for (Path file : files) {
          zipOut.putNextEntry(new ZipEntry(classes.relativize(file).toString()));
          zipOut.write(Files.readAllBytes(file));
          zipOut.closeEntry();
        }
      }
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
