package dev.retrievalgateway.devissuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the signing key lives. The issuer that serves the JWKS and every command that mints a token
 * must use the same key, or each token gets {@code 401}; so the folder must not depend on the
 * directory a command happens to run in.
 *
 * <ol>
 *   <li>{@code --key-dir DIR} when given (a relative one is taken from the working directory);
 *   <li>else {@code .dev-issuer/} in the repository the issuer's own jar (or classes) sits in;
 *   <li>else {@code .dev-issuer/} in the repository around the working directory.
 * </ol>
 *
 * The repository root is the nearest folder above whose {@code pom.xml} lists the {@code
 * dev-issuer} module (the parent POM; a module's POM only names its parent). Where neither walk
 * finds one, the command stops and asks for {@code --key-dir} instead of making a key that no
 * issuer serves.
 */
final class KeyFolder {
  static final String NAME = ".dev-issuer";
  private static final Pattern PARENT_POM = Pattern.compile("<module>\\s*dev-issuer\\s*</module>");

  private KeyFolder() {}

  /** The key folder, as an absolute path; see the class comment for the order. */
  static Path resolve(Optional<String> keyDir, Path workingDir, Optional<Path> codeLocation) {
    if (keyDir.isPresent()) {
      return workingDir.resolve(keyDir.get()).toAbsolutePath().normalize();
    }
    return codeLocation
        .flatMap(KeyFolder::repositoryRoot)
        .or(() -> repositoryRoot(workingDir))
        .map(root -> root.resolve(NAME))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no Retrieval Gateway repository above "
                        + workingDir.toAbsolutePath()
                        + " or the issuer's jar: give the key folder with --key-dir"));
  }

  /** The nearest folder at or above {@code start} that holds the project's parent POM. */
  static Optional<Path> repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && PARENT_POM.matcher(read(pom)).find()) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The jar (or classes folder) this class was loaded from, when the JVM says. */
  static Optional<Path> codeLocation() {
    CodeSource source = KeyFolder.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty(); // not a file (a custom class loader): the working directory decides
    }
  }

  private static String read(Path pom) {
    try {
      return Files.readString(pom, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pom, e);
    }
  }
}
