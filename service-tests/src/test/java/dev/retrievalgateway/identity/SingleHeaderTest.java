package dev.retrievalgateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.WritableHeaders;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SingleHeaderTest {
  private static final HeaderName TRACE = HeaderNames.create("X-Trace-Id");

  private static ServerRequestHeaders headers(String... values) {
    WritableHeaders<?> h = WritableHeaders.create();
    if (values.length > 0) {
      h.add(HeaderValues.create(TRACE, values));
    }
    return ServerRequestHeaders.create(h);
  }

  @Test
  void givesTheValueOfAHeaderSentOnce() {
    assertEquals(Optional.of("t-1"), SingleHeader.value(headers("t-1"), TRACE));
  }

  @Test
  void givesNoneForAnAbsentHeader() {
    assertEquals(Optional.empty(), SingleHeader.value(headers(), TRACE));
  }

  @Test
  void givesNoneForARepeatedHeaderRatherThanOneOfItsCopies() {
    assertEquals(Optional.empty(), SingleHeader.value(headers("t-1", "t-2"), TRACE));
  }
}
