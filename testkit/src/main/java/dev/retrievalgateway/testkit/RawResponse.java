package dev.retrievalgateway.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response as a test reads it: status, headers (names in lower case, values in the order
 * they came) and body. {@link RawHttp} returns it; so does any other client of a test module that
 * wants one shape of answer.
 */
public record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {
  /** The first value of a header; names are compared case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a tree ({@link Json#tree}); fails the test when it is not JSON. */
  public JsonNode json() {
    return Json.tree(body);
  }

  /** The error code of an envelope, e.g. {@code not_found}. */
  public String errorCode() {
    return json().path("error").path("code").asText();
  }
}
