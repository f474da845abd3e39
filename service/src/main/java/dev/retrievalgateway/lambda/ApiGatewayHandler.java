package dev.retrievalgateway.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.retrievalgateway.Gateway;
import dev.retrievalgateway.config.ConfigException;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.observe.AuditLog;
import dev.retrievalgateway.observe.JsonLogging;
import java.net.URI;

/**
 * The AWS Lambda entry point for API Gateway HTTP API events (payload format 2.0). During the init
 * phase it starts the same gateway that {@code make run-local} runs, on a loopback port of its own,
 * and then forwards each event to it over HTTP (the approach of AWS Lambda Web Adapter): one
 * router, one filter chain, one error mapper for both deployments.
 *
 * <p>Handler string: {@code dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest}. A
 * configuration the gateway refuses (for example header mode without {@code
 * GATEWAY_LAMBDA_INSECURE_HEADERMODE=true}) fails the init phase, which Lambda reports as an init
 * error.
 *
 * <pre>
 * make run-lambda-local      # this handler under the local Lambda emulation, on 127.0.0.1:8000
 * </pre>
 */
public final class ApiGatewayHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, AutoCloseable {
  private final Gateway gateway;
  private final LoopbackForwarder forwarder;

  /** Called once per instance by the Lambda runtime: reads the function's environment. */
  public ApiGatewayHandler() {
    this(LambdaSettings::fromEnvironment);
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop, "gateway-shutdown"));
  }

  /** A handler over the given settings (tests); the port and host are the adapter's own. */
  ApiGatewayHandler(GatewayConfig config) {
    this(() -> config);
  }

  private ApiGatewayHandler(java.util.function.Supplier<GatewayConfig> settings) {
    JsonLogging.install();
    try {
      GatewayConfig config = LambdaSettings.checked(settings.get());
      this.gateway = Gateway.startBehindLambdaAdapter(config.withPort(0));
    } catch (ConfigException e) {
      AuditLog.startupFailed(e.key(), e.getMessage());
      throw e;
    }
    this.forwarder = new LoopbackForwarder(URI.create("http://127.0.0.1:" + gateway.port()));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return forwarder.forward(event, context == null ? null : context.getAwsRequestId());
  }

  /** The loopback port the gateway listens on inside this instance. */
  int port() {
    return gateway.port();
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
