package dev.retrievalgateway.config;

/** A setting that is missing or invalid: names the key, never echoes a secret value. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The configuration key at fault, e.g. {@code gateway.jwt.issuer}. */
  public String key() {
    return key;
  }
}
