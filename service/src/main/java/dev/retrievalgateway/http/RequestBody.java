package dev.retrievalgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request's own checks for a JSON body (CONTRACT.md, "Order of checks"): media type ({@code
 * 415}), size ({@code 413}), then shape ({@code 400}). Lengths are counted in Unicode code points.
 */
final class RequestBody {
  /** The largest body accepted, in bytes: exactly 1 MiB is accepted. */
  static final int MAX_BYTES = 1024 * 1024;

  private final ObjectNode json;

  private RequestBody(ObjectNode json) {
    this.json = json;
  }

  /** Reads the request's JSON object body, allowing only {@code fields}. */
  static RequestBody read(ServerRequest req, Set<String> fields) {
    requireJson(req);
    ObjectNode json = Json.object(strictUtf8(bytes(req)));
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      if (!fields.contains(names.next())) {
        throw ApiException.of(ErrorCode.BAD_REQUEST, "The request body has an unknown field.");
      }
    }
    return new RequestBody(json);
  }

  private static void requireJson(ServerRequest req) {
    Optional<HttpMediaType> type;
    try {
      type = req.headers().contentType();
    } catch (RuntimeException e) {
      // Helidon's parser rejects a malformed media type (application/json;) with an exception of
      // its own, which would otherwise become a 500: a malformed header is the client's error.
      throw ApiException.of(ErrorCode.BAD_REQUEST, "The Content-Type header is malformed.");
    }
    boolean json =
        type.isPresent()
            // Media type names are case-insensitive (RFC 9110 section 8.3.1).
            && type.get().mediaType().type().equalsIgnoreCase("application")
            && type.get().mediaType().subtype().equalsIgnoreCase("json")
            && type.get().charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
    if (!json) {
      throw ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
  }

  private static byte[] bytes(ServerRequest req) {
    if (!req.content().hasEntity()) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, "The request body is missing.");
    }
    RequestContext ctx = RequestContext.of(req);
    // Not try-with-resources: closing a stream whose framing failed reads on, to the deadline.
    try {
      InputStream in = req.content().inputStream();
      // A declared length within the limit is read into an array of exactly that size; otherwise
      // one byte past the limit is asked for, to tell a body that is too large. (readNBytes
      // allocates its chunks at the size asked for, up to 16 KiB, and then copies: per request,
      // that was most of the bytes a small query allocated.)
      long declared = req.headers().contentLength().orElse(-1);
      byte[] body =
          in.readNBytes(declared >= 0 && declared <= MAX_BYTES ? (int) declared : MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        ctx.closeConnection = true;
        throw ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE);
      }
      in.close();
      ctx.connection.bodyReceived();
      return body;
    } catch (IOException | RuntimeException e) {
      // Whatever fails while the body is read is its framing: none is the server's fault, so none
      // is a 500 (the error mapper says which answer each failure gets); the connection is
      // closed, since its next bytes are not a request boundary.
      ctx.closeConnection = true;
      throw ErrorMapper.bodyReadFailure(e);
    }
  }

  /**
   * The body as UTF-8, decoded strictly: overlong forms ({@code C0 AE} for {@code .}) and encoded
   * surrogates are {@code 400} here. Jackson reading bytes detects UTF-16 and UTF-32, skips a byte
   * order mark and decodes overlong forms leniently, so the bytes are decoded here, by {@link
   * StrictUtf8}, and Jackson reads the text, where the zero bytes of UTF-16 and UTF-32 and a byte
   * order mark (U+FEFF) are characters JSON does not allow: also {@code 400}.
   */
  static String strictUtf8(byte[] body) {
    return StrictUtf8.decode(body)
        .orElseThrow(
            () -> ApiException.of(ErrorCode.BAD_REQUEST, "The request body is not valid UTF-8."));
  }

  /**
   * A required string field of {@code min} to {@code max} code points; its message names the
   * limits: {@code "title must be a string of 1 to 200 characters."}.
   */
  String text(String field, int min, int max) {
    return text(
        field, min, max, field + " must be a string of " + range(min, max) + " characters.");
  }

  /** A required string field of {@code min} to {@code max} code points, with its own message. */
  String text(String field, int min, int max, String rule) {
    return optionalText(field, min, max, rule)
        .orElseThrow(() -> ApiException.of(ErrorCode.BAD_REQUEST, rule));
  }

  /** An optional string field; present but of the wrong type or length is a 400. */
  Optional<String> optionalText(String field, int min, int max, String rule) {
    JsonNode node = json.get(field);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, rule);
    }
    String value = node.textValue();
    if (!wellFormed(value)) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, "The request body has an unpaired surrogate.");
    }
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, rule);
    }
    return Optional.of(value);
  }

  /** An optional string field that must match {@code pattern} exactly. */
  Optional<String> optionalMatching(String field, Pattern pattern, String rule) {
    return optionalText(field, 1, Integer.MAX_VALUE, rule)
        .map(
            v -> {
              if (!pattern.matcher(v).matches()) {
                throw ApiException.of(ErrorCode.BAD_REQUEST, rule);
              }
              return v;
            });
  }

  /**
   * An optional integer field in {@code [min, max]}: a JSON integer, never 5.0 or "5"; its message
   * names the limits: {@code "top_k must be an integer from 1 to 50."}.
   */
  int integer(String field, int min, int max, int fallback) {
    String rule = field + " must be an integer from " + range(min, max) + ".";
    JsonNode node = json.get(field);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, rule);
    }
    int value = node.intValue();
    if (value < min || value > max) {
      throw ApiException.of(ErrorCode.BAD_REQUEST, rule);
    }
    return value;
  }

  /**
   * {@code "1 to 1024"}, {@code "1 to 100,000"}: numbers of five digits and more are grouped, as
   * the contract writes them.
   */
  static String range(int min, int max) {
    return number(min) + " to " + number(max);
  }

  private static String number(int n) {
    return n < 10_000 ? Integer.toString(n) : String.format(Locale.ROOT, "%,d", n);
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
