package dev.retrievalgateway.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package, unpacked as Lambda unpacks it into {@code /var/task}. Entries
 * keep the zip's timestamps, so that a class-data archive made for one unpacking stays valid for
 * the next unpacking of the same zip.
 */
final class FunctionZip {
  private FunctionZip() {}

  /** The zip's SHA-256, hex: names the unpacked folder and the AOT cache made for it. */
  static String sha256(Path zip) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(zip), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Unpacks {@code zip} into {@code taskRoot} unless a complete unpacking is already there (the
   * folder is named after the zip's hash, so its content cannot be stale).
   */
  static Path unpack(Path zip, Path taskRoot) {
    Path done = taskRoot.resolveSibling(taskRoot.getFileName() + ".complete");
    if (Files.exists(done)) {
      return taskRoot;
    }
    try {
      Files.createDirectories(taskRoot);
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path target = taskRoot.resolve(entry.getName()).normalize();
          if (!target.startsWith(taskRoot)) {
            throw new IOException("zip entry outside the task root: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
        }
      }
      Files.createFile(done);
      return taskRoot;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip, e);
    }
  }

  /**
   * The task root's own classes and resources (everything but {@code lib/}) as one jar beside it,
   * made once per unpacking with fixed entry times. The JDK's AOT cache refuses a class path with a
   * non-empty directory, so the emulator uses this jar in place of the task root when it runs with
   * a cache; the working directory stays the task root.
   */
  static Path classesJar(Path taskRoot) {
    Path jar = taskRoot.resolveSibling(taskRoot.getFileName() + "-classes.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    Path partial = taskRoot.resolveSibling(taskRoot.getFileName() + "-classes.jar.partial");
    try (java.util.stream.Stream<Path> files = Files.walk(taskRoot);
        java.util.zip.ZipOutputStream out =
            new java.util.zip.ZipOutputStream(Files.newOutputStream(partial))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = taskRoot.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (name.startsWith("lib/")) {
          continue;
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(Files.getLastModifiedTime(file).toMillis());
        out.putNextEntry(entry);
        Files.copy(file, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack the task root's classes", e);
    }
    try {
      Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
