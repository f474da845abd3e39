package dev.retrievalgateway.properties.http.testsupport;

import dev.retrievalgateway.testsupport.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends raw request bytes and reads the one response, also when the server answers before it has
 * read the whole request and closes the connection (a declared body over the limit gets its {@code
 * 413} at once, and the rest of the upload then fails with a broken pipe, as it would for any
 * client).
 */
public final class RawClient {
  private final URI base;

  public RawClient(URI base) {
    this.base = base;
  }

  public Http.Response send(byte[] request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(5_000);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (SocketException e) {
        // The server answered early and closed; its answer is still there to read.
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the end of the response: its declared length, or the close. */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        out.write(chunk, 0, n);
        if (complete(out.toByteArray())) {
          break;
        }
      }
    } catch (SocketException e) {
      // reset after the response: what arrived is the answer
    }
    return out.toByteArray();
  }

  private static boolean complete(byte[] bytes) {
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    for (String line : all.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return bytes.length >= end + 4 + Integer.parseInt(line.substring(15).trim());
      }
    }
    return false;
  }

  private static Http.Response parse(byte[] bytes) {
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no HTTP response (" + bytes.length + " bytes)");
    }
    String[] lines = all.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int length = -1;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      if (name.equals("content-length")) {
        length = Integer.parseInt(value);
      }
    }
    int start = end + 4;
    int stop = length >= 0 ? Math.min(bytes.length, start + length) : bytes.length;
    return new Http.Response(status, headers, Arrays.copyOfRange(bytes, start, stop));
  }
}
