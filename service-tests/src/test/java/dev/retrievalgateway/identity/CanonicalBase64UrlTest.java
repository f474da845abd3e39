package dev.retrievalgateway.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("claim:jwt-canonical-encoding")
class CanonicalBase64UrlTest {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private static boolean canonical(String segment) {
    return CanonicalBase64Url.isCanonical(segment, 0, segment.length());
  }

  @Test
  void acceptsWhatAnUnpaddedBase64UrlEncoderWritesForEveryLength() {
    byte[] bytes = new byte[64];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (0xFF - i * 7);
    }

    for (int length = 1; length <= bytes.length; length++) {
      String encoded = ENCODER.encodeToString(java.util.Arrays.copyOf(bytes, length));

      assertTrue(canonical(encoded), "length " + length);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "AAAAA", "QQ=", "QQ==", "QUI=", "Q Q", " QQ", "QQ\t", "QQ\n"})
  void rejectsEmptyImpossibleLengthsPaddingAndWhitespace(String segment) {
    boolean result = canonical(segment);

    assertFalse(result);
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ+A", "QQ/A", "QQ.A", "QQ%41", "QQ\u00e9A", "QQ\uff21A"})
  void rejectsCharactersOutsideTheBase64UrlAlphabet(String segment) {
    boolean result = canonical(segment);

    assertFalse(result);
  }

  @Test
  void rejectsNonZeroUnusedBitsInTheLastCharacter() {
    // "A" is 0x41 = 010000|01: "QQ" is canonical; "QR".."Qf" decode to the same byte.
    String[] sameByteOtherSpelling = {"QR", "QS", "QT", "QU", "QV", "Qa", "Qf"};
    // Two bytes "AB": "QUI" is canonical; "QUJ", "QUK", "QUL" decode to the same two bytes.
    String[] sameTwoBytesOtherSpelling = {"QUJ", "QUK", "QUL"};

    assertTrue(canonical("QQ"));
    assertTrue(canonical("QUI"));
    for (String segment : sameByteOtherSpelling) {
      assertFalse(canonical(segment), segment);
    }
    for (String segment : sameTwoBytesOtherSpelling) {
      assertFalse(canonical(segment), segment);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"QQ.QQ", "QQ.QQ.QQ.QQ", "QQ.QQ.QQ.QQ.QQ", "QQ..QQ", ".QQ.QQ", "QQ.QQ.", "QQ"})
  void rejectsAnythingButThreeNonEmptySegments(String token) {
    boolean result = CanonicalBase64Url.isCompactJws(token);

    assertFalse(result);
  }

  @Test
  void acceptsThreeCanonicalSegments() {
    boolean result = CanonicalBase64Url.isCompactJws("eyJhbGciOiJSUzI1NiJ9.e30.QUI");

    assertTrue(result);
  }
}
