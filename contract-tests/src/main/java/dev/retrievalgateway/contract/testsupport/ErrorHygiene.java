package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the contract asks of every error (CONTRACT.md, "Errors"): its body holds no stack trace or
 * class name, and neither its body nor a header echoes what the request sent. {@link Api} and
 * {@link RawHttp} run this on every response of status 400 or above that the suite receives, so a
 * defect shows in whichever test meets it first, not only in a test written to look for it.
 *
 * <p>"What the request sent" is every header value but the framing ones, the bearer token on its
 * own, the path's segments and the body's words: runs of six or more letters, digits or {@code
 * ._-}, which covers identity values, tokens, trace ids, query text and ids, and leaves out words
 * short enough to occur in a fixed message by chance. The contract's own field names and
 * classifications are not input a message could echo. Failure messages name the header or the kind
 * of value, never the value.
 */
public final class ErrorHygiene {
  /** Headers that frame a request rather than carry its input, and X-Trace-Id's echo by design. */
  private static final Set<String> FRAMING =
      Set.of(
          "host",
          "connection",
          "content-length",
          "content-type",
          "transfer-encoding",
          "accept",
          "accept-encoding",
          "user-agent",
          "expect");

  /** Words of the contract itself: field names, classifications, the route names. */
  private static final Set<String> CONTRACT_WORDS =
      Set.of(
          "query",
          "top_k",
          "doc_id",
          "title",
          "classification",
          "public",
          "internal",
          "confidential",
          "restricted",
          "health",
          "whoami",
          "documents",
          "openapi",
          "bearer",
          "application",
          "json");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}._-]{6,}");

  /** A stack frame, a qualified class name, or an exception's simple name. */
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "\\bat [\\w$]+(\\.[\\w$]+)+\\(|\\.java:\\d+|Caused by:|\\b[a-z][\\w$]*(\\.[a-z][\\w$]*)+"
              + "\\.[A-Z][\\w$]+|\\b[A-Z][\\w$]*(Exception|Error|Throwable)\\b");

  private ErrorHygiene() {}

  /** The check as a REST Assured filter, for {@link Api}'s requests. */
  public static Filter filter() {
    return (request, responseSpec, context) -> {
      Response response = context.next(request, responseSpec);
      Map<String, List<String>> sentHeaders = new LinkedHashMap<>();
      request
          .getHeaders()
          .forEach(
              h ->
                  sentHeaders
                      .computeIfAbsent(h.getName(), n -> new ArrayList<>())
                      .add(h.getValue()));
      Object body = request.getBody();
      byte[] sentBody =
          body instanceof byte[] bytes
              ? bytes
              : body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
      URI uri = URI.create(request.getURI());
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response
          .headers()
          .forEach(
              h -> headers.computeIfAbsent(h.getName(), n -> new ArrayList<>()).add(h.getValue()));
      check(
          response.statusCode(),
          headers,
          response.asByteArray(),
          sentBy(target, sentHeaders, sentBody));
      return response;
    };
  }

  /**
   * Checks one response. {@code sent} are the request's values (see {@link #sentBy}); {@code
   * headers} the response's, names in any case.
   */
  public static void check(
      int status, Map<String, List<String>> headers, byte[] body, Set<String> sent) {
    if (status < 400) {
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    assertFalse(
        STACK_TRACE.matcher(text).find(),
        "the " + status + " error body holds no stack trace or class name");
    for (String value : sent) {
      assertFalse(
          text.contains(value), "the " + status + " error body echoes none of the request's input");
    }
    headers.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("x-trace-id")) {
            for (String value : values) {
              for (String input : sent) {
                assertFalse(
                    value.contains(input),
                    "the " + status + " error's header " + name + " echoes no request input");
              }
            }
          }
        });
  }

  /** The values a request sent: header values, the bearer token, path segments, body words. */
  public static Set<String> sentBy(
      String path, Map<String, List<String>> requestHeaders, byte[] body) {
    Set<String> sent = new LinkedHashSet<>();
    requestHeaders.forEach(
        (name, values) -> {
          if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            for (String value : values) {
              addValue(sent, value.strip());
              if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                addValue(sent, value.substring(7).strip());
              }
            }
          }
        });
    for (String segment : path.split("[/?&=;]")) {
      addWord(sent, segment);
    }
    if (body != null) {
      Matcher words = WORD.matcher(new String(body, StandardCharsets.UTF_8));
      while (words.find()) {
        addWord(sent, words.group());
      }
    }
    return sent;
  }

  /**
   * The same for a request written byte by byte: its request line's target, its header lines, and
   * its body (whatever follows the blank line).
   */
  public static Set<String> sentBy(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    byte[] body = end < 0 ? null : text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    String target = requestLine.length > 1 ? requestLine[1] : "";
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(lines[i].substring(0, colon).strip(), n -> new ArrayList<>())
            .add(lines[i].substring(colon + 1));
      }
    }
    return sentBy(target, headers, body);
  }

  private static void addValue(Set<String> sent, String value) {
    if (value.length() >= 6 && !CONTRACT_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
      sent.add(value);
    }
  }

  private static void addWord(Set<String> sent, String word) {
    if (WORD.matcher(word).matches()) {
      addValue(sent, word);
    }
  }
}
