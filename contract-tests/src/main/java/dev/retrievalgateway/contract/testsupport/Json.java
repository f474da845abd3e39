package dev.retrievalgateway.contract.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies as UTF-8 bytes, and response bodies as trees, with Jackson. */
public final class Json {
  // Astral characters go out as four UTF-8 bytes, not as two \\u escapes (Jackson's default since
  // 2.18), so that a body of N code points has the size a client would send.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private Json() {}

  /**
   * An object of alternating names and values, in order: {@code object("query", "x", "top_k", 5)}.
   */
  public static byte[] object(Object... namesAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
  }

  public static JsonNode tree(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the body is not JSON (" + body.length + " bytes)");
    }
  }
}
