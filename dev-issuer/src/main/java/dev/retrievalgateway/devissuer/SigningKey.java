package dev.retrievalgateway.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The development issuer's one RSA signing key, generated on first use and kept as a private JWK in
 * {@code signing-key.json} in the key folder ({@link KeyFolder}: {@code .dev-issuer/} in the
 * repository root, git-ignored), readable by its owner only. Delete the folder and restart the
 * issuer to rotate it.
 */
final class SigningKey {
  static final String FILE = "signing-key.json";

  private SigningKey() {}

  /** The key in {@code dir}, generated and saved there first if there is none yet. */
  static RSAKey loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      return read(file);
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      ownerOnly(dir, "rwx------");
    }
    RSAKey key = generate();
    try {
      Files.writeString(
          file,
          key.toJSONString(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return read(file); // another command made it first: use that one
    }
    ownerOnly(file, "rw-------");
    return key;
  }

  private static void ownerOnly(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the user's own defaults apply
    }
  }

  private static RSAKey generate() {
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      // A key id derived from the key itself (RFC 7638): a new key always has a new kid.
      return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  private static RSAKey read(Path file) throws IOException {
    try {
      return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IOException("not an RSA JWK: " + file + " (delete the folder to make a new key)");
    }
  }
}
