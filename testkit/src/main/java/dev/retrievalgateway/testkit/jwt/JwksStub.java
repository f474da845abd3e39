package dev.retrievalgateway.testkit.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * An issuer's JWKS endpoint played by WireMock on a loopback port, with its fault injection.
 *
 * <pre>{@code
 * @RegisterExtension static final WireMockExtension SERVER = JwksStub.server();
 * JwksStub jwks = new JwksStub(SERVER);
 * jwks.serves(issuer.publicKeys());
 * jwks.fails(Fault.CONNECTION_RESET_BY_PEER);
 * assertEquals(1, jwks.fetches());
 * }</pre>
 */
public final class JwksStub {
  public static final String PATH = "/.well-known/jwks.json";

  private final WireMockExtension server;

  public JwksStub(WireMockExtension server) {
    this.server = server;
  }

  /**
   * A WireMock server on a free port of 127.0.0.1, its stubs and journal reset for each test, and
   * warmed up: its first request can take over a second on a busy machine, longer than a JWKS
   * timeout, which would turn the first test into an outage test by accident.
   */
  public static WireMockExtension server() {
    return new WarmedUp(
        WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")));
  }

  private static final class WarmedUp extends WireMockExtension {
    WarmedUp(WireMockExtension.Builder builder) {
      super(builder);
    }

    @Override
    protected void onBeforeAll(WireMockRuntimeInfo info) {
      HttpRequest warmUp = HttpRequest.newBuilder(URI.create(info.getHttpBaseUrl() + PATH)).build();
      try (HttpClient client = HttpClient.newHttpClient()) {
        client.send(warmUp, HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The JWKS URL, as {@code gateway.jwt.jwks.url} names it. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getPort() + PATH);
  }

  /** The endpoint answers {@code 200} with this key set (public parts only). */
  public void serves(JWKSet keys) {
    servesBody(publicJson(keys));
  }

  /** The endpoint answers {@code 200} with this body as JSON (e.g. malformed JSON). */
  public void servesBody(String body) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(body)));
  }

  /** The endpoint answers with the key set only after {@code delay}. */
  public void servesSlowly(JWKSet keys, Duration delay) {
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(json(publicJson(keys)).withFixedDelay((int) delay.toMillis())));
  }

  private static String publicJson(JWKSet keys) {
    return JSONObjectUtils.toJSONString(keys.toJSONObject(true));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** The endpoint answers with this status and no key set. */
  public void failsWithStatus(int status) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)));
  }

  /** The endpoint misbehaves at the socket level: resets, empty or garbled responses. */
  public void fails(Fault fault) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(fault)));
  }

  /** How many times the key set has been requested. */
  public int fetches() {
    return server.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
  }

  /** Every path the server was asked for, whatever it was. */
  public List<String> requestedUrls() {
    return server.getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .map(r -> r.getUrl())
        .toList();
  }
}
