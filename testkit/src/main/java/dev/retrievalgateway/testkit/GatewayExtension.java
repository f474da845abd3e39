package dev.retrievalgateway.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway for all the tests of a class and its {@code @Nested} classes: started before the
 * first, closed after the last, with its clients at hand and, when asked, a capture of everything
 * it logs from before it starts.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayExtension GATEWAY = GatewayExtension.of(RunningGateway.builder()).withLogs();
 *
 * GATEWAY.http().get("/health", Map.of());
 * GATEWAY.logs().awaitEvent("request", requestId);
 * }</pre>
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {
  private final RunningGateway.Builder settings;
  private final boolean capturingLogs;
  private LogCapture logs;
  private RunningGateway gateway;
  private Http http;
  private RawHttp raw;
  private String startedBy;

  private GatewayExtension(RunningGateway.Builder settings, boolean capturingLogs) {
    this.settings = settings;
    this.capturingLogs = capturingLogs;
  }

  public static GatewayExtension of(RunningGateway.Builder settings) {
    return new GatewayExtension(settings, false);
  }

  /** The same, with {@link #logs()} capturing from before the gateway starts. */
  public GatewayExtension withLogs() {
    return new GatewayExtension(settings, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (startedBy != null) {
      return; // a @Nested class inherits the extension: it shares its outer class's gateway
    }
    startedBy = context.getUniqueId();
    if (capturingLogs) {
      logs = LogCapture.attach();
    }
    gateway = settings.start();
    http = new Http(gateway.baseUri());
    raw = new RawHttp(gateway.baseUri());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!context.getUniqueId().equals(startedBy)) {
      return;
    }
    startedBy = null;
    gateway.close();
    if (logs != null) {
      logs.close();
    }
  }

  public RunningGateway gateway() {
    return gateway;
  }

  public Http http() {
    return http;
  }

  public RawHttp raw() {
    return raw;
  }

  public LogCapture logs() {
    if (logs == null) {
      throw new IllegalStateException("this gateway was not started withLogs()");
    }
    return logs;
  }
}
