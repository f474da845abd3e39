package dev.retrievalgateway.emulator;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API of one function instance, as AWS documents it
 * (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), on a loopback port of its own:
 *
 * <pre>
 * GET  /2018-06-01/runtime/invocation/next            waits for the next event
 * POST /2018-06-01/runtime/invocation/{id}/response   the handler's result
 * POST /2018-06-01/runtime/invocation/{id}/error      the handler's failure
 * POST /2018-06-01/runtime/init/error                 the init phase failed
 * </pre>
 */
final class RuntimeApi implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime";

  /** Lambda's limit for a synchronous response. */
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

  private final String functionArn;
  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> taken = new ConcurrentHashMap<>();
  private final CompletableFuture<byte[]> initError = new CompletableFuture<>();
  private final WebServer server;
  private volatile boolean closed;

  RuntimeApi(String functionArn) {
    this.functionArn = functionArn;
    this.server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .maxPayloadSize(MAX_RESPONSE_BYTES + 1024L)
            .routing(this::routing)
            .build()
            .start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.port();
  }

  void submit(Invocation invocation) {
    pending.add(invocation);
  }

  /** Completes with the runtime's error document if the init phase fails. */
  CompletableFuture<byte[]> initError() {
    return initError;
  }

  private void routing(HttpRouting.Builder routing) {
    routing
        .get(BASE + "/invocation/next", this::next)
        .post(BASE + "/invocation/{id}/response", this::response)
        .post(BASE + "/invocation/{id}/error", this::error)
        .post(BASE + "/init/error", this::initError);
  }

  private void next(ServerRequest req, ServerResponse res) throws InterruptedException {
    Invocation invocation = null;
    while (invocation == null && !closed) {
      invocation = pending.poll(200, TimeUnit.MILLISECONDS);
    }
    if (invocation == null) {
      res.status(Status.SERVICE_UNAVAILABLE_503).send();
      return;
    }
    long deadline = System.currentTimeMillis() + invocation.timeoutMillis;
    taken.put(invocation.requestId, invocation);
    res.header("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
        .header("Lambda-Runtime-Deadline-Ms", Long.toString(deadline))
        .header("Lambda-Runtime-Invoked-Function-Arn", functionArn)
        .header(
            "Lambda-Runtime-Trace-Id",
            "Root=1-00000000-" + invocation.requestId.replace("-", "").substring(0, 24))
        .header(HeaderNames.CONTENT_TYPE, "application/json");
    invocation.taken.complete(deadline);
    res.send(invocation.payload);
  }

  private void response(ServerRequest req, ServerResponse res) {
    complete(req, res, body -> new Invocation.Outcome.Response(body));
  }

  private void error(ServerRequest req, ServerResponse res) {
    complete(req, res, body -> new Invocation.Outcome.Error(body));
  }

  private void complete(
      ServerRequest req,
      ServerResponse res,
      java.util.function.Function<byte[], Invocation.Outcome> outcome) {
    Invocation invocation = taken.remove(req.path().pathParameters().get("id"));
    if (invocation == null) {
      answer(res, Status.BAD_REQUEST_400, "InvalidRequestID", "unknown request id");
      return;
    }
    byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    if (body.length > MAX_RESPONSE_BYTES) {
      invocation.outcome.complete(
          new Invocation.Outcome.Error(
              LambdaErrors.document(
                  "Function.ResponseSizeTooLarge",
                  "Response payload size exceeded maximum allowed payload size (6291556 bytes).")));
      answer(
          res, Status.REQUEST_ENTITY_TOO_LARGE_413, "RequestEntityTooLarge", "response too large");
      return;
    }
    invocation.outcome.complete(outcome.apply(body));
    res.status(Status.ACCEPTED_202).send("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
  }

  private void initError(ServerRequest req, ServerResponse res) {
    byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    initError.complete(body);
    res.status(Status.ACCEPTED_202).send("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(ServerResponse res, Status status, String type, String message) {
    res.status(status)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .send(LambdaErrors.document(type, message));
  }

  @Override
  public void close() {
    closed = true;
    server.stop();
  }
}
