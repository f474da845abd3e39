package dev.retrievalgateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes decoded as UTF-8 strictly: overlong forms ({@code C0 AE} for {@code .}), encoded surrogates
 * and truncated sequences make no text, where {@code new String(bytes, UTF_8)} would replace them
 * with U+FFFD. The one decoder of request bodies and of the Lambda adapter's response bodies.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** The text, or empty when the bytes are not valid UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
