package dev.retrievalgateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version and commit, written into {@code build.properties} by the build. */
public final class BuildInfo {
  private BuildInfo() {}

  /** For example {@code 1.0.0-SNAPSHOT+3f2a9c1b7d40}; {@code +unknown} outside a git checkout. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to the defaults
    }
    String version = p.getProperty("version", "unknown");
    String commit = p.getProperty("commit", "");
    if (commit.isBlank() || commit.startsWith("${")) {
      commit = "unknown";
    }
    return version + "+" + commit;
  }
}
