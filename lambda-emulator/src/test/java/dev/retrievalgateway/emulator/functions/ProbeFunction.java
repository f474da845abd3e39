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
 * "crash"}, {@code "environment"}. Dependency-free on purpose: the test zip holds only these
 * classes.
 */
public final class ProbeFunction implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    String answer;
    if (payload.contains("\"throw\"")) {
      throw new IllegalStateException("probe failure");
    } else if (payload.contains("\"sleep\"")) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer = "{\"slept\":true}";
    } else if (payload.contains("\"crash\"")) {
      Runtime.getRuntime().halt(3);
      answer = "{}";
    } else if (payload.contains("\"environment\"")) {
      answer =
          "{"
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
    } else {
      answer = payload;
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String field(String name, String value) {
    return "\""
        + name
        + "\":"
        + (value == null ? "null" : "\"" + value.replace("\\", "\\\\") + "\"");
  }
}
