package dev.retrievalgateway.devissuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key folder is the same whichever directory the issuer or a token command runs from. */
class KeyFolderTest {
  @TempDir Path tmp;

  private Path repo;
  private Path jar;

  @BeforeEach
  void repositoryWithModules() throws IOException {
    repo = Files.createDirectories(tmp.resolve("checkout"));
    Files.writeString(
        repo.resolve("pom.xml"),
        "<project><artifactId>retrieval-gateway-parent</artifactId><modules>\n"
            + "  <module>service</module>\n  <module>dev-issuer</module>\n</modules></project>");
    // A module's POM names the parent too; it must not pass for the root.
    Files.createDirectories(repo.resolve("dev-issuer/target"));
    Files.writeString(
        repo.resolve("dev-issuer/pom.xml"),
        "<project><parent><artifactId>retrieval-gateway-parent</artifactId></parent>"
            + "<artifactId>dev-issuer</artifactId></project>");
    Files.createDirectories(repo.resolve("service/src/main"));
    jar = repo.resolve("dev-issuer/target/dev-issuer-1.0.0-SNAPSHOT.jar");
  }

  @Test
  void findsTheSameFolderFromAnyDirectoryOfTheRepository() {
    Optional<Path> fromM2 = Optional.of(tmp.resolve(".m2/dev-issuer-1.0.0-SNAPSHOT.jar"));

    Path fromRoot = KeyFolder.resolve(Optional.empty(), repo, fromM2);
    Path fromModule = KeyFolder.resolve(Optional.empty(), repo.resolve("dev-issuer"), fromM2);
    Path fromDeep = KeyFolder.resolve(Optional.empty(), repo.resolve("service/src/main"), fromM2);

    assertEquals(repo.resolve(".dev-issuer"), fromRoot);
    assertEquals(fromRoot, fromModule);
    assertEquals(fromRoot, fromDeep);
  }

  @Test
  void followsTheIssuersJarWhenRunFromOutsideTheRepository() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

    Path folder = KeyFolder.resolve(Optional.empty(), elsewhere, Optional.of(jar));

    assertEquals(repo.resolve(".dev-issuer"), folder);
  }

  @Test
  void prefersTheRepositoryOfTheJarToTheWorkingDirectorys() throws IOException {
    Path otherCheckout = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(
        otherCheckout.resolve("pom.xml"), "<modules><module>dev-issuer</module></modules>");

    Path folder = KeyFolder.resolve(Optional.empty(), otherCheckout, Optional.of(jar));

    assertEquals(repo.resolve(".dev-issuer"), folder);
  }

  @Test
  void takesTheKeyDirGivenOnTheCommandLineRelativeToTheWorkingDirectory() {

    Path folder =
        KeyFolder.resolve(
            Optional.of("keys/../my-keys"), repo.resolve("service"), Optional.of(jar));

    assertEquals(repo.resolve("service/my-keys"), folder);
    assertTrue(folder.isAbsolute());
  }

  @Test
  void refusesToGuessWhenNoRepositoryIsAboveTheJarOrTheWorkingDirectory() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Optional<Path> fromM2 = Optional.of(tmp.resolve(".m2/dev-issuer-1.0.0-SNAPSHOT.jar"));

    IllegalArgumentException refusal =
        assertThrows(
            IllegalArgumentException.class,
            () -> KeyFolder.resolve(Optional.empty(), elsewhere, fromM2));

    assertTrue(refusal.getMessage().contains("--key-dir"), refusal.getMessage());
  }
}
