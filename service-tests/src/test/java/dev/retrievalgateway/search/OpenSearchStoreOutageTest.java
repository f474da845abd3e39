package dev.retrievalgateway.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.config.OpenSearchSettings;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.StoreUnavailableException.Category;
import dev.retrievalgateway.testkit.OpenSearchIndices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenSearch store fails closed: unreachable, slower than its timeout, answering an error or a
 * partial result, it throws {@link StoreUnavailableException} with the right category (the gateway
 * answers 503), for every operation; it never answers empty, partial or with the library's text.
 */
@Tag("claim:fail-closed-store")
class OpenSearchStoreOutageTest {
  private static final TenantScope TENANT = TenantScope.of("tenant-a");
  private static final Document DOC =
      new Document("d-1", "Title", "secret-body-canary", Classification.PUBLIC);

  @RegisterExtension
  static WireMockExtension cluster =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static Stream<Arguments> operations() {
    return Stream.of(
        Arguments.of("add", (Consumer<CorpusStore>) s -> s.add(TENANT, DOC)),
        Arguments.of("find", (Consumer<CorpusStore>) s -> s.find(TENANT, "d-1")),
        Arguments.of(
            "delete", (Consumer<CorpusStore>) s -> s.delete(TENANT, "d-1", Classification.PUBLIC)),
        Arguments.of(
            "search",
            (Consumer<CorpusStore>) s -> s.search(TENANT, Classification.RESTRICTED, "revenue", 5)),
        Arguments.of("count", (Consumer<CorpusStore>) CorpusStore::size));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void anUnreachableClusterIsAConnectFailure(String operation, Consumer<CorpusStore> call)
      throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    StoreUnavailableException e = failure(URI.create("http://127.0.0.1:" + closedPort), call);

    assertEquals(Category.CONNECT, e.category());
    assertEquals(operation, e.operation());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aClusterSlowerThanTheRequestTimeoutIsATimeout(String operation, Consumer<CorpusStore> call) {
    cluster.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(4_000).withStatus(200)));

    StoreUnavailableException e = failure(call, 500);

    assertEquals(Category.TIMEOUT, e.category());
    assertEquals(operation, e.operation());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aClusterAnsweringAnErrorIsAStatusFailure(String operation, Consumer<CorpusStore> call) {
    cluster.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"type\":\"exception\",\"reason\":\"secret-body-canary\"},"
                            + "\"status\":500}")));

    StoreUnavailableException e = failure(call, 2_000);

    assertEquals(Category.STATUS, e.category());
    assertFalse(e.getMessage().contains("canary"), "no library text travels");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aConnectionResetIsAProtocolFailure(String operation, Consumer<CorpusStore> call) {
    cluster.stubFor(
        any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    StoreUnavailableException e = failure(call, 2_000);

    assertEquals(Category.PROTOCOL, e.category());
  }

  @Test
  void aSearchWithAFailedShardIsAStatusFailureNotAPartialAnswer() {
    cluster.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"took\":1,\"timed_out\":false,"
                            + "\"_shards\":{\"total\":2,\"successful\":1,\"skipped\":0,\"failed\":1},"
                            + "\"hits\":{\"total\":{\"value\":0,\"relation\":\"eq\"},\"hits\":[]}}")));

    StoreUnavailableException e =
        failure(s -> s.search(TENANT, Classification.RESTRICTED, "revenue", 5), 2_000);

    assertEquals(Category.STATUS, e.category());
  }

  private static StoreUnavailableException failure(Consumer<CorpusStore> call, int timeoutMs) {
    return failure(URI.create(cluster.baseUrl()), call, timeoutMs);
  }

  private static StoreUnavailableException failure(URI url, Consumer<CorpusStore> call) {
    return failure(url, call, 2_000);
  }

  private static StoreUnavailableException failure(
      URI url, Consumer<CorpusStore> call, int timeoutMs) {
    OpenSearchSettings settings =
        OpenSearchIndices.settings(
            url, OpenSearchIndices.freshPrefix(), 0, Duration.ofMillis(timeoutMs));
    try (OpenSearchCorpusStore store = OpenSearchCorpusStore.connect(settings, 10)) {
      return assertThrows(StoreUnavailableException.class, () -> call.accept(store));
    }
  }
}
