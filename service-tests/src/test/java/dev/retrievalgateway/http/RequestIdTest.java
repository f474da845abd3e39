package dev.retrievalgateway.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequestIdTest {
  /** The canonical text of a version 4, IETF-variant UUID, as the contract's X-Request-Id shows. */
  private static final Pattern UUID_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @Test
  void requestIdsAreDistinctRandomVersionFourUuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestLogFilter.newRequestId();
      UUID parsed = UUID.fromString(id);
      int n = i;
      assertAll(
          () -> assertTrue(UUID_V4.matcher(id).matches(), "id " + n + " is a v4 UUID: " + id),
          () -> assertEquals(4, parsed.version(), "version of id " + n),
          () -> assertEquals(2, parsed.variant(), "variant of id " + n),
          () -> assertTrue(seen.add(id), "id " + n + " is new"));
    }
  }
}
