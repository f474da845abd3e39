package dev.retrievalgateway.http;

import dev.retrievalgateway.access.AccessPolicy;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.identity.IdentityResolver;
import dev.retrievalgateway.search.SearchableCorpus;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

/**
 * The public listener: the contract's routes and nothing else, behind the request-log filter, with
 * the error mapper and the contract's limits (request line 8 KiB, headers 16 KiB, body 1 MiB).
 */
public final class GatewayRouting {
  static final int MAX_REQUEST_LINE = 8 * 1024;
  static final int MAX_HEADERS = 16 * 1024;

  /**
   * The headers the Lambda adapter sets on the loopback listener it talks to, named and shaped as
   * AWS Lambda Web Adapter's, so that the gateway could run behind that layer unchanged: API
   * Gateway's request context as JSON ({@code requestId}, {@code http.sourceIp}), and Lambda's
   * invocation context as JSON ({@code request_id}). The adapter removes any copy a client sent;
   * the server reads them only when started behind the adapter.
   */
  public static final String ADAPTER_REQUEST_CONTEXT = "x-amzn-request-context";

  public static final String ADAPTER_LAMBDA_CONTEXT = "x-amzn-lambda-context";

  private GatewayRouting() {}

  /**
   * Applies the gateway's listener settings and routing to a server builder. With {@code
   * behindLambdaAdapter}, the client address and the Lambda request ids come from the adapter's
   * headers (only the Lambda handler sets this, on loopback).
   */
  public static void configure(
      WebServerConfig.Builder server,
      GatewayConfig config,
      IdentityResolver resolver,
      SearchableCorpus corpus,
      String version,
      boolean behindLambdaAdapter) {
    ClientAddress clientAddress =
        behindLambdaAdapter ? new ClientAddress.BehindLambdaAdapter() : new ClientAddress();
    server
        .host(config.host())
        .port(config.port())
        .maxPayloadSize(RequestBody.MAX_BYTES)
        .directHandlers(ErrorMapper.directHandlers())
        .addConnectionSelector(new MalformedPrologueSelector())
        .errorHandling(e -> e.includeEntity(true))
        .addProtocol(
            Http1Config.builder()
                .maxPrologueLength(MAX_REQUEST_LINE)
                .maxHeadersSize(MAX_HEADERS)
                .build())
        .routing(routing -> routing(routing, config, resolver, corpus, version, clientAddress));
  }

  private static void routing(
      HttpRouting.Builder routing,
      GatewayConfig config,
      IdentityResolver resolver,
      SearchableCorpus corpus,
      String version,
      ClientAddress clientAddress) {
    Throttle principals =
        new Throttle(config.throttleRate(), config.throttleBurst(), Throttle.MAX_KEYS);
    Throttle addresses =
        new Throttle(config.throttleRate(), config.throttleBurst(), Throttle.MAX_KEYS);
    IdentityGate gate = new IdentityGate(resolver, config.authMode(), principals, addresses);
    new ErrorMapper().register(routing);
    routing
        .addFilter(new RequestLogFilter(clientAddress))
        .register(
            new HealthService(version),
            new OpenApiService(),
            new WhoamiService(gate, config.authMode()),
            new QueryService(gate, corpus),
            new DocumentService(gate, corpus, new AccessPolicy()));
  }
}
