package dev.retrievalgateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}), synchronous
 * invocations only, answered as Lambda answers them: {@code 200} with the payload, {@code
 * X-Amz-Function-Error: Unhandled} when the payload is an error document, and Lambda's error types
 * for requests it refuses. The AWS CLI and SDKs reach it with {@code --endpoint-url} and any
 * credentials (signatures are not checked).
 *
 * <pre>
 * aws lambda invoke --endpoint-url http://127.0.0.1:9001 --function-name gateway \
 *     --cli-binary-format raw-in-base64-out --payload file://health-event.json out.json
 * </pre>
 */
final class InvokeApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, LambdaFunction> functions;

  InvokeApi(Map<String, LambdaFunction> functions) {
    this.functions = Map.copyOf(functions);
  }

  void routing(HttpRouting.Builder routing) {
    routing
        .post("/2015-03-31/functions/{name}/invocations", this::invoke)
        .any(
            (req, res) ->
                refuse(
                    res, Status.NOT_FOUND_404, "UnknownOperationException", "Unknown operation"));
  }

  private void invoke(ServerRequest req, ServerResponse res) {
    String name = functionName(req.path().pathParameters().get("name"));
    LambdaFunction function = functions.get(name);
    if (function == null) {
      refuse(
          res,
          Status.NOT_FOUND_404,
          "ResourceNotFoundException",
          "Function not found: arn:aws:lambda:"
              + FunctionConfig.REGION
              + ":"
              + FunctionConfig.ACCOUNT
              + ":function:"
              + name);
      return;
    }
    String type =
        req.headers().first(HeaderNames.create("X-Amz-Invocation-Type")).orElse("RequestResponse");
    if (!type.equals("RequestResponse")) {
      refuse(
          res,
          Status.BAD_REQUEST_400,
          "InvalidParameterValueException",
          "The emulator supports the RequestResponse invocation type only");
      return;
    }
    byte[] payload = req.content().hasEntity() ? req.content().as(byte[].class) : "{}".getBytes();
    InvokeResult result = function.invoke(payload);
    res.header("X-Amz-Executed-Version", "$LATEST")
        .header("X-Amzn-RequestId", result.requestId())
        .header(HeaderNames.CONTENT_TYPE, "application/json");
    result.functionError().ifPresent(error -> res.header("X-Amz-Function-Error", error));
    res.send(result.payload());
  }

  /** A function name, a partial ARN ({@code 123456789012:function:name}) or a full ARN. */
  static String functionName(String nameOrArn) {
    String[] parts = nameOrArn.split(":");
    int at = java.util.Arrays.asList(parts).indexOf("function");
    return at >= 0 && at + 1 < parts.length ? parts[at + 1] : nameOrArn;
  }

  private static void refuse(ServerResponse res, Status status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", "User");
    body.put("Message", message);
    res.status(status)
        .header("X-Amzn-ErrorType", type)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .send(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
