package dev.retrievalgateway.observe;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.List;
import java.util.regex.Pattern;
import net.logstash.logback.mask.ValueMasker;

/**
 * The second line of defence: redacts token-shaped text in every value of every log event (messages
 * and stack traces included) before it is written. The first line is never to pass such values to a
 * logger. Registered in {@code logback.xml} on the only appender.
 *
 * <p>Written by hand because it is a policy (which shapes count as secrets), not a mechanism: the
 * masking mechanism is logstash-logback-encoder's {@code MaskingJsonGeneratorDecorator}.
 */
public final class SafeLogFilter implements ValueMasker {
  public static final String REDACTED = "[REDACTED]";

  /** A compact JWS or JWE: base64url segments separated by dots, starting with a JSON header. */
  private static final Pattern COMPACT_JOSE =
      Pattern.compile("eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_=-]*){1,4}");

  /** A bearer or basic credential in any case, with whatever follows it up to a separator. */
  private static final Pattern SCHEME_CREDENTIAL =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s\",;]+");

  /** A header line or parameter naming a credential, with its value. */
  private static final Pattern CREDENTIAL_HEADER =
      Pattern.compile(
          "(?i)\\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)(\\s*[:=]\\s*)[^\\r\\n\"]+");

  @Override
  public Object mask(JsonStreamContext context, Object value) {
    if (value instanceof CharSequence text) {
      String masked = redact(text.toString());
      return masked.equals(text.toString()) ? value : masked;
    }
    return value;
  }

  /**
   * Words of which each secret shape above holds at least one (case-insensitively, ASCII as the
   * patterns' {@code (?i)}), besides the JOSE header's {@code eyJ}: a value without any of them
   * cannot match, and skips the three scans. Most values are names, routes and numbers, and the
   * scans were a third of what writing a request event cost.
   */
  private static final List<String> SHAPE_WORDS =
      List.of("bearer", "basic", "authorization", "cookie", "x-api-key");

  /** The text with every token-shaped part replaced by {@value #REDACTED}. */
  public static String redact(String text) {
    return mayHoldSecret(text) ? redactShapes(text) : text;
  }

  /** False only when no secret shape can match the text. */
  static boolean mayHoldSecret(String text) {
    if (text.contains("eyJ")) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = (char) (text.charAt(i) | 0x20); // ASCII lower case; other chars match no word
      if (c == 'b' || c == 'a' || c == 'c' || c == 'x') {
        for (String word : SHAPE_WORDS) {
          if (text.regionMatches(true, i, word, 0, word.length())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The three scans, whatever the text. */
  static String redactShapes(String text) {
    String out = COMPACT_JOSE.matcher(text).replaceAll(REDACTED);
    out = SCHEME_CREDENTIAL.matcher(out).replaceAll("$1 " + REDACTED);
    out = CREDENTIAL_HEADER.matcher(out).replaceAll("$1$2" + REDACTED);
    return out;
  }
}
