package dev.retrievalgateway.emulator.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function that does what its payload asks, so that tests can make a runtime answer, fail, hang
 * or crash on purpose: {@code {"action":"echo"}}, {@code "throw"}, {@code "sleep"}, {@code
 * "crash"}, {@code "environment"}. An HTTP API event (route key {@code $default}) asks by its path:
 * {@code /binary} a base64 body, {@code /bare} a bare JSON value without {@code statusCode}, {@code
 * /fail} a failure, and any other path {@code 201} with the event itself as the body (so that a
 * test can read the event), a header and two cookies. Dependency-free on purpose: the test zip
 * holds only these classes.
 */
public final class ProbeFunction implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    String answer =
        payload.contains("\"routeKey\":\"$default\"")
            ? httpAnswer(payload)
            : actionAnswer(payload, context);
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String actionAnswer(String payload, Context context) {
    if (payload.contains("\"throw\"")) {
      throw new IllegalStateException("probe failure");
    } else if (payload.contains("\"sleep\"")) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "{\"slept\":true}";
    } else if (payload.contains("\"crash\"")) {
      Runtime.getRuntime().halt(3);
      return "{}";
    } else if (payload.contains("\"environment\"")) {
      return "{"
          + field("pid", Long.toString(ProcessHandle.current().pid()))
          + ","
          + field("cwd", System.getProperty("user.dir"))
          + ","
          + field(
              "jni",
              System.getProperty(
                  "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI"))
          + ","
          + field("tmpdir", System.getProperty("java.io.tmpdir"))
          + ","
          + field("functionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"))
          + ","
          + field("handler", System.getenv("_HANDLER"))
          + ","
          + field("custom", System.getenv("PROBE_SETTING"))
          + ","
          + field("home", System.getenv("HOME"))
          + ","
          + field("requestId", context.getAwsRequestId())
          + ","
          + field("remainingMs", Integer.toString(context.getRemainingTimeInMillis()))
          + "}";
    }
    return payload;
  }

  private static String httpAnswer(String event) {
    if (event.contains("\"rawPath\":\"/binary\"")) {
      return "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/octet-stream\"},"
          + "\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}";
    } else if (event.contains("\"rawPath\":\"/bare\"")) {
      return "[\"bare\",1]";
    } else if (event.contains("\"rawPath\":\"/fail\"")) {
      throw new IllegalStateException("probe failure");
    }
    return "{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-probe\":\"yes\"},"
        + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"isBase64Encoded\":false,\"body\":"
        + string(event)
        + "}";
  }

  private static String field(String name, String value) {
    return string(name) + ":" + string(value);
  }

  /**
   * A JSON string, or {@code null}. Quotes and backslashes are all there is to escape: the texts
   * are paths, names and the emulator's own compact JSON, which holds no raw control character.
   */
  private static String string(String text) {
    return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
