package dev.retrievalgateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Strict JSON in, JSON out. Request bodies must be one JSON object with no duplicate keys, nesting
 * at most 32 deep and nothing after it; which fields are allowed is each resource's business.
 */
public final class Json {
  /** The deepest nesting a request body may have. */
  public static final int MAX_DEPTH = 32;

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  // Jackson's default pool keeps its buffers per thread, and every request runs on
                  // a new virtual thread: each response allocated fresh buffers (a quarter of the
                  // bytes a query allocated). A shared pool of at most 32 recyclers, about the
                  // connections served at once, reuses them; the bound caps what it retains.
                  .recyclerPool(JsonRecyclerPools.newBoundedPool(32))
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(JsonParser.Feature.ALLOW_COMMENTS)
          .build();

  private Json() {}

  /** Parses a request body that must be a single JSON object; anything else is a 400. */
  static ObjectNode object(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      // The parser's message can quote the input: never passed on.
      throw ApiException.of(
          ErrorCode.BAD_REQUEST,
          "The request body is not valid JSON (one object, no duplicate keys, nesting at most "
              + MAX_DEPTH
              + ").");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, "The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
  }

  static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }
}
