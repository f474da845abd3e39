package dev.retrievalgateway.observe;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes every logger of the process into Logback's one JSON appender: {@code java.util.logging}
 * through jul-to-slf4j, {@code System.Logger} (Helidon's) through slf4j-jdk-platform-logging.
 * Registered as Helidon's {@link LoggingProvider}, so Helidon prints no plain-text line about a
 * missing provider. Safe to call more than once.
 */
public final class JsonLogging implements LoggingProvider {

  /** Installs the bridges; the first call wins. */
  public static synchronized void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  @Override
  public void initialization() {
    install();
  }

  @Override
  public void runTime() {
    install();
  }
}
