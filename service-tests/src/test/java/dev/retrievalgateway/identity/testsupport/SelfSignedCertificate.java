package dev.retrievalgateway.identity.testsupport;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An attacker's RSA key with a self-signed X.509 certificate, for tokens that carry their own
 * {@code x5c}. Made with the JDK's {@code keytool}, since the JDK has no public API that issues a
 * certificate and a certificate library would be a dependency for one test.
 */
public final class SelfSignedCertificate {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private SelfSignedCertificate() {}

  /** A fresh key pair and certificate, as a signing JWK whose {@code x5c} holds the certificate. */
  public static RSAKey generate(String keyId) {
    try {
      Path dir = Files.createTempDirectory("x5c");
      Path store = dir.resolve("attacker.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "attacker",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=attacker",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  new String(PASSWORD),
                  "-keypass",
                  new String(PASSWORD))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed");
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, PASSWORD);
      }
      X509Certificate certificate = (X509Certificate) keyStore.getCertificate("attacker");
      PrivateKey privateKey = (PrivateKey) keyStore.getKey("attacker", PASSWORD);
      Files.delete(store);
      Files.delete(dir);
      return new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey())
          .privateKey(privateKey)
          .keyID(keyId)
          .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
          .build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
