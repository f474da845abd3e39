package dev.retrievalgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The contract's error envelope, {@code {"error":{"code","message"},"request_id"}}, for the tests
 * outside the contract suite (which has its own {@code Expect}, checked against the OpenAPI
 * document).
 */
public final class Envelope {
  private Envelope() {}

  /** Asserts the response is an error envelope with this status, and returns its code. */
  public static String assertEnvelope(RawResponse r, int status) {
    assertEquals(status, r.status(), "status");
    return assertEnvelope(r);
  }

  /** Asserts the response is an error envelope with this status and code. */
  public static void assertEnvelope(RawResponse r, int status, String code) {
    assertEquals(code, assertEnvelope(r, status), "error code");
  }

  /** Asserts the response is an error envelope, and returns its code. */
  public static String assertEnvelope(RawResponse r) {
    assertEquals("application/json", r.header("content-type").orElse(""), "content type");
    JsonNode json = Json.tree(r.body());
    assertEquals(2, json.size(), "an envelope has exactly error and request_id");
    assertEquals(2, json.path("error").size(), "error has exactly code and message");
    assertTrue(json.path("error").path("code").isTextual(), "error code");
    assertTrue(json.path("error").path("message").isTextual(), "error message");
    assertEquals(r.header("x-request-id").orElse("?"), json.path("request_id").asText());
    return json.path("error").path("code").asText();
  }
}
