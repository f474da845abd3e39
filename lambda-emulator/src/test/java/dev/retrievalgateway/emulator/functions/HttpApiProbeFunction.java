package dev.retrievalgateway.emulator.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function behind the HTTP API front: answers {@code 201} with the event it received as its body
 * (so that a test can read the event), a header and two cookies; on {@code /binary} a base64 body;
 * on {@code /bare} a bare JSON value without {@code statusCode}; on {@code /fail} it throws.
 */
public final class HttpApiProbeFunction implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    String answer;
    if (event.contains("\"rawPath\":\"/binary\"")) {
      answer =
          "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/octet-stream\"},"
              + "\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}";
    } else if (event.contains("\"rawPath\":\"/bare\"")) {
      answer = "[\"bare\",1]";
    } else if (event.contains("\"rawPath\":\"/fail\"")) {
      throw new IllegalStateException("probe failure");
    } else {
      answer =
          "{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-probe\":\"yes\"},"
              + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"isBase64Encoded\":false,\"body\":"
              + quote(event)
              + "}";
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
