package dev.retrievalgateway.devissuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the issuer's public key set at {@value #PATH} on 127.0.0.1 only, with the JDK's own HTTP
 * server: a development tool needs no framework, and loopback keeps it off the network.
 *
 * <pre>
 * curl -s http://127.0.0.1:8001/.well-known/jwks.json
 * </pre>
 */
final class JwksServer implements AutoCloseable {
  static final String PATH = "/.well-known/jwks.json";

  private final HttpServer server;

  private JwksServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving the public half of {@code key} on {@code port} (0: any free port). */
  static JwksServer start(RSAKey key, int port) throws IOException {
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", exchange -> answer(exchange, jwks));
    server.start();
    return new JwksServer(server);
  }

  private static void answer(HttpExchange exchange, byte[] jwks) throws IOException {
    try (exchange) {
      boolean found = exchange.getRequestURI().getPath().equals(PATH);
      boolean get = exchange.getRequestMethod().equals("GET");
      if (!found || !get) {
        exchange.sendResponseHeaders(found ? 405 : 404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "max-age=60");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(jwks);
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
