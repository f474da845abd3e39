package dev.retrievalgateway.opensearchnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenSearchNodeTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startsARealOpenSearchOnLoopbackWithTheEnglishAnalyzerAndStopsItOnClose() throws Exception {
    Process process;
    try (OpenSearchNode node = OpenSearchNode.builder().start()) {
      process = node.process();

      HttpResponse<String> root = get(node.url());
      HttpResponse<String> analyzed =
          http.send(
              HttpRequest.newBuilder(node.url().resolve("/_analyze"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"analyzer\":\"english\",\"text\":\"The forecasts\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertEquals("127.0.0.1", node.url().getHost());
      assertEquals(200, root.statusCode());
      assertTrue(root.body().contains("\"number\" : \"3.8.0\""), "OpenSearch 3.8.0");
      assertEquals(200, analyzed.statusCode());
      assertTrue(analyzed.body().contains("\"token\":\"forecast\""), "stemmed, stop word gone");
      assertFalse(analyzed.body().contains("\"token\":\"the\""));
    }

    assertTrue(process.waitFor(5, TimeUnit.SECONDS), "the node JVM exits on close");
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
