package dev.retrievalgateway.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.DirectTransportRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The bytes of one HTTP/1.1 connection as Helidon's parser reads them, with the three rules of RFC
 * 9112 that Helidon 4.5 does not apply, so that the gateway applies them before Helidon parses:
 *
 * <ul>
 *   <li>Methods are case-sensitive (RFC 9110 section 9.1): Helidon upper-cases the method of the
 *       request line before routing, so {@code delete /documents/x} would delete. A request line
 *       whose method is not upper case is answered {@code 400 bad_request} here.
 *   <li>Chunk extensions are allowed (RFC 9112 section 7.1.1): Helidon parses the whole chunk-size
 *       line as a hexadecimal number, so {@code 5;ext} failed. The extension is validated and
 *       dropped here; the chunk-size line is bounded ({@link #MAX_CHUNK_LINE}).
 *   <li>A request line over the limit is {@code 414} whose request event names the method: Helidon
 *       raises its {@code 414} without the method; it is raised here with it.
 * </ul>
 *
 * <p>Helidon's parser calls {@link #readLine()} only for chunk-size lines and the last chunk, and
 * {@link #findNewLine(int)} with the request-line limit for the request line (the header parser
 * also calls it, which {@link #headersRead()} and {@link #prologueRead()} tell apart). It is a
 * subclass because Helidon offers no hook into its HTTP/1.1 framing.
 */
final class RequestStreamReader extends DataReader {
  /** The longest chunk-size line accepted (size, extensions and CRLF), in bytes. */
  static final int MAX_CHUNK_LINE = 4096;

  private static final int MAX_METHOD = 32;
  private static final String TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]++";
  private static final String QUOTED =
      "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*+\"";
  private static final Pattern CHUNK_LINE =
      Pattern.compile(
          "([0-9A-Fa-f]{1,8})(?:[ \\t]*+;[ \\t]*+"
              + TOKEN
              + "(?:[ \\t]*+=[ \\t]*+(?:"
              + TOKEN
              + "|"
              + QUOTED
              + "))?+)*+");

  /** A method as RFC 9110 defines it (a token), in upper case as every registered method is. */
  private static final Pattern METHOD = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Z]{1,32}");

  private final int maxRequestLine;
  private volatile boolean readingHeaders;

  @SuppressWarnings(
      "removal") // the only way to extend DataReader: its factory returns its own type
  RequestStreamReader(
      DataReader source, ConnectionDeadlines.Connection connection, int maxRequestLine) {
    super(() -> pull(source, connection), false);
    this.maxRequestLine = maxRequestLine;
  }

  private static byte[] pull(DataReader source, ConnectionDeadlines.Connection connection) {
    try {
      source.ensureAvailable();
    } catch (InsufficientDataAvailableException e) {
      // The client left (or ConnectionDeadlines cut it off). Helidon would answer end of stream
      // inside a header block with a 500 of its own; this ends the connection quietly instead,
      // and a handler reading a body answers 400 (RequestBody).
      throw new CloseConnectionException("end of stream");
    }
    byte[] bytes = source.readBytes(source.available());
    connection.bytesArrived();
    return bytes;
  }

  /** Called when Helidon has read a request line: the header block follows. */
  void prologueRead() {
    readingHeaders = true;
  }

  /** Called when Helidon has read a header block: what follows is a body or the next request. */
  void headersRead() {
    readingHeaders = false;
  }

  @Override
  public int findNewLine(int max) {
    int eol = super.findNewLine(max);
    if (max == maxRequestLine && !readingHeaders) {
      String method = method(eol == max ? Math.min(max, MAX_METHOD + 1) : eol);
      boolean valid = METHOD.matcher(method).matches();
      if (eol == max) {
        throw RequestException.builder()
            .type(DirectHandler.EventType.BAD_REQUEST)
            .status(Status.REQUEST_URI_TOO_LONG_414)
            .request(DirectTransportRequest.create("HTTP/1.1", valid ? method : "", ""))
            .message("Request line too long")
            .build();
      }
      if (!valid) {
        throw RequestException.builder()
            .type(DirectHandler.EventType.BAD_REQUEST)
            .status(Status.BAD_REQUEST_400)
            .message("Method is not an upper-case token")
            .build();
      }
    }
    return eol;
  }

  /**
   * A chunk-size line: {@code 1*HEXDIG *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string )
   * ] )}; the extensions are checked and dropped, the size returned.
   */
  @Override
  public String readLine() {
    int eol = super.findNewLine(MAX_CHUNK_LINE);
    if (eol == MAX_CHUNK_LINE) {
      throw malformedChunk();
    }
    String line = eol == 0 ? "" : readAsciiString(eol);
    skip(2);
    if (line.isEmpty()) {
      return line; // the end of the last chunk's trailer section, which Helidon checks
    }
    java.util.regex.Matcher chunk = CHUNK_LINE.matcher(line);
    if (!chunk.matches() || Long.parseLong(chunk.group(1), 16) > Integer.MAX_VALUE) {
      throw malformedChunk();
    }
    return chunk.group(1);
  }

  /** The bytes before the first space of the line at the head of the stream, not consumed. */
  private String method(int limit) {
    int length = Math.min(limit, available());
    if (length <= 0) {
      return "";
    }
    byte[] head = getBuffer(length).readBytes();
    int end = 0;
    while (end < head.length && head[end] != ' ') {
      end++;
    }
    return new String(head, 0, end, StandardCharsets.US_ASCII);
  }

  private static RequestException malformedChunk() {
    return RequestException.builder()
        .type(DirectHandler.EventType.BAD_REQUEST)
        .status(Status.BAD_REQUEST_400)
        .message("Invalid chunk line")
        .build();
  }
}
