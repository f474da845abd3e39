package dev.retrievalgateway;

import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.observe.AuditLog;
import dev.retrievalgateway.observe.JsonLogging;

/**
 * Starts the gateway from {@code application.yaml} and the environment. A missing or invalid
 * setting stops start-up with one {@code startup_failed} line naming the key, and exit code 2.
 *
 * <pre>
 * make run-local          # header mode, demo corpus, 127.0.0.1:8000
 * </pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    JsonLogging.install();
    Gateway gateway;
    try {
      gateway = Gateway.start(GatewayConfig.load());
    } catch (ConfigException e) {
      AuditLog.startupFailed(e.key(), e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop, "gateway-shutdown"));
  }
}
