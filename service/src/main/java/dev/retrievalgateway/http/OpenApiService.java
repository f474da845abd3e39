package dev.retrievalgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 document of the contract: YAML by default, JSON with {@code Accept:
 * application/json}. The document is a resource ({@code openapi.yaml}), kept in step with the
 * behaviour by the contract suite, which validates every response against it.
 */
final class OpenApiService implements HttpService {
  private static final String RESOURCE = "/openapi.yaml";
  private final byte[] yaml;
  private final byte[] json;

  OpenApiService() {
    try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the classpath");
      }
      yaml = in.readAllBytes();
      JsonNode tree = new YAMLMapper().readTree(yaml);
      json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    Routes.path(rules, "/openapi", Routes.get(Routes.named("/openapi", this::document)));
  }

  private void document(ServerRequest req, ServerResponse res) {
    if (wantsJson(req)) {
      res.header(HeaderValues.CONTENT_TYPE_JSON);
      res.send(json);
    } else {
      res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/yaml");
      res.send(yaml);
    }
  }

  private static boolean wantsJson(ServerRequest req) {
    java.util.List<HttpMediaType> acceptedTypes;
    try {
      acceptedTypes = req.headers().acceptedTypes();
    } catch (RuntimeException e) {
      // Helidon's parser rejects a malformed Accept (Accept: text) with an exception of its own.
      throw ApiException.of(ErrorCode.BAD_REQUEST, "The Accept header is malformed.");
    }
    for (HttpMediaType accepted : acceptedTypes) {
      if (accepted.mediaType().equals(MediaTypes.APPLICATION_JSON)) {
        return true;
      }
    }
    return false;
  }
}
