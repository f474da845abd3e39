package dev.retrievalgateway.lambda;

import dev.retrievalgateway.config.AuthMode;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.config.GatewayConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.List;
import java.util.Map;

/**
 * The gateway's settings inside a Lambda instance: the function's environment variables over {@code
 * application.yaml}, as locally, except that the listener is always the adapter's own (loopback,
 * any free port), and header mode is refused unless explicitly allowed.
 */
final class LambdaSettings {
  static final String INSECURE_HEADER_MODE = "gateway.lambda.insecure.headermode";

  private LambdaSettings() {}

  /** Reads and validates the settings; throws {@link ConfigException} naming the key at fault. */
  static GatewayConfig fromEnvironment() {
    return GatewayConfig.load(
        () ->
            Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(
                    List.of(
                        ConfigSources.create(
                            Map.of("server.host", "127.0.0.1", "server.port", "0")),
                        ConfigSources.environmentVariables(),
                        ConfigSources.systemProperties(),
                        ConfigSources.classpath("application.yaml")))
                .build());
  }

  /**
   * Header mode trusts whatever the caller says, and behind API Gateway the caller is anyone: the
   * Lambda deployment refuses it unless {@code gateway.lambda.insecure.headermode=true}, which only
   * the local emulation sets (see CONTRACT.md, "Header mode").
   */
  static GatewayConfig checked(GatewayConfig config) {
    if (config.authMode() == AuthMode.HEADER && !config.lambdaInsecureHeaderMode()) {
      throw new ConfigException(
          INSECURE_HEADER_MODE,
          "header mode is refused on Lambda; set it to true for the local emulation only");
    }
    return config;
  }
}
