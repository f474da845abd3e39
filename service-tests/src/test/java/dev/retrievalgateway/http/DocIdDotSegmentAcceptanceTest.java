package dev.retrievalgateway.http;

import static dev.retrievalgateway.testkit.Http.identity;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.testkit.GatewayExtension;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testkit.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code doc_id} of {@code .} or {@code ..} would make {@code Location: /documents/..} a URL that
 * resolves to {@code /} (RFC 3986 §5.2.4): such ids are refused on ingest and never found. Ids that
 * merely contain dots stay valid.
 */
class DocIdDotSegmentAcceptanceTest {
  private static final Map<String, String> ADMIN = identity("ops", "tenant-a", "admin");

  @RegisterExtension
  static final GatewayExtension GATEWAY =
      GatewayExtension.of(RunningGateway.builder().with("gateway.corpus.seed", "none"));

  private static String document(String docId) {
    return "{\"doc_id\":\""
        + docId
        + "\",\"title\":\"t\",\"body\":\"b\",\"classification\":\"public\"}";
  }

  /** Sent byte for byte, so that no client normalises the dot segment away. */
  private static RawResponse raw(String method, String docId) {
    String request =
        method
            + " /documents/"
            + docId
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User: ops\r\nX-Tenant: tenant-a\r\n"
            + "X-Role: admin\r\nConnection: close\r\n\r\n";
    return GATEWAY.raw().send(request.getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsADotSegmentAsDocIdAndNeverFindsIt(String docId) {
    RawResponse post = GATEWAY.http().postJson("/documents", ADMIN, document(docId));
    RawResponse get = raw("GET", docId);
    RawResponse delete = raw("DELETE", docId);

    assertAll(
        "doc_id " + docId,
        () -> assertEquals(400, post.status(), "POST"),
        () -> assertEquals("bad_request", post.errorCode(), "POST"),
        () -> assertEquals(404, get.status(), "GET"),
        () -> assertEquals("not_found", get.errorCode(), "GET"),
        () -> assertEquals(404, delete.status(), "DELETE"),
        () -> assertEquals("not_found", delete.errorCode(), "DELETE"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"...", ".a", "a.", "..a", "a..b", "v1.2"})
  void acceptsIdsThatOnlyContainDots(String docId) {
    RawResponse post = GATEWAY.http().postJson("/documents", ADMIN, document(docId));
    RawResponse get = raw("GET", docId);

    assertAll(
        "doc_id " + docId,
        () -> assertEquals(201, post.status(), "POST"),
        () -> assertEquals("/documents/" + docId, post.header("location").orElse(""), "Location"),
        () -> assertEquals(200, get.status(), "GET"));
  }
}
