package dev.retrievalgateway.lambda.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback HTTP server that records the one request it last received exactly as it arrived
 * (method, raw path and query, every header line, body bytes) and answers with whatever the test
 * set: the far side of the Lambda adapter, without the gateway in between.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start()) {
 *   echo.answer(200).header("Set-Cookie", "a=1").body("application/json", "{}".getBytes());
 *   ... forward an event to echo.baseUri() ...
 *   assertEquals("/query", echo.received().rawPath());
 * }
 * }</pre>
 *
 * <p>As a {@code @RegisterExtension} instance field it is closed after each test.
 */
public final class EchoServer implements AutoCloseable, AfterEachCallback {
  private final HttpServer server;
  private final AtomicReference<Received> received = new AtomicReference<>();
  private volatile int status = 200;
  private final List<String[]> headers = new ArrayList<>();
  private volatile byte[] body = new byte[0];

  /** What arrived: header names lower-cased, each header's lines in order. */
  public record Received(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    public List<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private EchoServer(HttpServer server) {
    this.server = server;
  }

  public static EchoServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      EchoServer echo = new EchoServer(server);
      server.createContext(
          "/",
          exchange -> {
            Map<String, List<String>> lines = new LinkedHashMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> lines.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            URI uri = exchange.getRequestURI();
            echo.received.set(
                new Received(
                    exchange.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    lines,
                    exchange.getRequestBody().readAllBytes()));
            Headers out = exchange.getResponseHeaders();
            synchronized (echo.headers) {
              for (String[] h : echo.headers) {
                out.add(h[0], h[1]);
              }
            }
            byte[] answer = echo.body;
            exchange.sendResponseHeaders(echo.status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
              exchange.getResponseBody().write(answer);
            }
            exchange.close();
          });
      server.start();
      return echo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Sets the status of the answers from now on, and clears their headers and body. */
  public EchoServer answer(int statusCode) {
    status = statusCode;
    synchronized (headers) {
      headers.clear();
    }
    body = new byte[0];
    return this;
  }

  public EchoServer header(String name, String value) {
    synchronized (headers) {
      headers.add(new String[] {name, value});
    }
    return this;
  }

  public EchoServer body(String contentType, byte[] bytes) {
    header("Content-Type", contentType);
    body = bytes.clone();
    return this;
  }

  public Received received() {
    return received.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}
