package dev.retrievalgateway.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request bodies out and response bodies in, with Jackson, the same way for every test module.
 *
 * <pre>{@code
 * byte[] body = Json.object("query", "x", "top_k", 5);
 * JsonNode answer = Json.tree(response.body());
 * }</pre>
 *
 * <p>Two choices hold for every caller. Astral characters go out as four UTF-8 bytes, not as two
 * {@code \\u} escapes (Jackson's default since 2.18), so that a body of N code points has the size
 * a client would send. Numbers with a fraction are read as exact decimals, so that a score is
 * compared as the very text the gateway wrote (bit for bit, as CONTRACT.md says).
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

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

  /** The body of {@code POST /documents}: a document's four fields, as text. */
  public static String document(String docId, String title, String body, String classification) {
    byte[] json =
        object("doc_id", docId, "title", title, "body", body, "classification", classification);
    return new String(json, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Any value (a map, a list, a tree) as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
  }

  /** A body as a tree; fails the test when it is not JSON (the body itself is not repeated). */
  public static JsonNode tree(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the body is not JSON (" + body.length + " bytes)");
    }
  }

  /** As {@link #tree(byte[])}, for text. */
  public static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("the text is not JSON (" + text.length() + " characters)");
    }
  }
}
