package dev.retrievalgateway.terraformpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An evaluator for the subset of CloudWatch Logs JSON filter patterns this stack uses, so that a
 * metric filter can be tested against real log lines without AWS.
 *
 * <p>Supported: {@code { <term> }} where a term is {@code $.a.b[0] = "text"}, {@code != "text"}
 * (quoted or a bare word, {@code *} as a wildcard), a number with {@code = != < <= > >=}, {@code IS
 * TRUE|FALSE|NULL}, {@code NOT EXISTS}, combined with {@code &&}, {@code ||} and parentheses
 * ({@code &&} binds tighter). Anything else (regular expressions {@code %...%}, {@code IN}, the
 * space-delimited and plain-text pattern kinds) is rejected with {@link IllegalArgumentException}
 * rather than guessed at.
 *
 * <p>Semantics, as CloudWatch documents them: a log event matches only when it is one JSON object;
 * a string comparison needs a JSON string and a numeric one a JSON number; a selector that names
 * nothing never matches, except under {@code NOT EXISTS}.
 */
public final class CloudWatchJsonFilter implements Predicate<String> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String pattern;
  private final Node root;

  private CloudWatchJsonFilter(String pattern, Node root) {
    this.pattern = pattern;
    this.root = root;
  }

  public static CloudWatchJsonFilter compile(String pattern) {
    Parser parser = new Parser(pattern);
    Node root = parser.filter();
    return new CloudWatchJsonFilter(pattern, root);
  }

  /** Whether the log event (one line as CloudWatch stores it) matches. */
  @Override
  public boolean test(String logEvent) {
    JsonNode event;
    try {
      event = JSON.readTree(logEvent.strip());
    } catch (JsonProcessingException e) {
      return false; // JSON patterns never match events that are not JSON
    }
    return event != null && event.isObject() && root.matches(event);
  }

  @Override
  public String toString() {
    return pattern;
  }

  // ---- the syntax tree ----

  private interface Node {
    boolean matches(JsonNode event);
  }

  private record And(Node left, Node right) implements Node {
    public boolean matches(JsonNode event) {
      return left.matches(event) && right.matches(event);
    }
  }

  private record Or(Node left, Node right) implements Node {
    public boolean matches(JsonNode event) {
      return left.matches(event) || right.matches(event);
    }
  }

  /** A path of object fields and array indexes below the event's root. */
  private record Selector(List<Object> steps) {
    JsonNode find(JsonNode event) {
      JsonNode node = event;
      for (Object step : steps) {
        if (node == null) {
          return null;
        }
        node = step instanceof Integer i ? node.get(i) : node.get((String) step);
      }
      return node;
    }
  }

  private record StringCompare(Selector selector, boolean equal, Pattern value) implements Node {
    public boolean matches(JsonNode event) {
      JsonNode node = selector.find(event);
      if (node == null || !node.isTextual()) {
        return false;
      }
      return value.matcher(node.asText()).matches() == equal;
    }
  }

  private record NumberCompare(Selector selector, String op, BigDecimal value) implements Node {
    public boolean matches(JsonNode event) {
      JsonNode node = selector.find(event);
      if (node == null || !node.isNumber()) {
        return false;
      }
      int c = node.decimalValue().compareTo(value);
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  private record Is(Selector selector, String what) implements Node {
    public boolean matches(JsonNode event) {
      JsonNode node = selector.find(event);
      return switch (what) {
        case "TRUE" -> node != null && node.isBoolean() && node.asBoolean();
        case "FALSE" -> node != null && node.isBoolean() && !node.asBoolean();
        case "NULL" -> node != null && node.isNull();
        case "NOT EXISTS" -> node == null;
        default -> throw new IllegalStateException(what);
      };
    }
  }

  // ---- the parser ----

  private static final class Parser {
    private final String src;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    Parser(String src) {
      this.src = src;
      tokenize();
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "unsupported or malformed CloudWatch JSON filter (" + what + "): " + src);
    }

    private void tokenize() {
      int i = 0;
      String s = src;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"') {
          StringBuilder b = new StringBuilder("\"");
          i++;
          while (i < s.length() && s.charAt(i) != '"') {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
              i++;
            }
            b.append(s.charAt(i++));
          }
          if (i >= s.length()) {
            throw error("unterminated string");
          }
          i++;
          tokens.add(b.toString()); // a leading quote marks a quoted value
        } else if (s.startsWith("&&", i)
            || s.startsWith("||", i)
            || s.startsWith("!=", i)
            || s.startsWith("<=", i)
            || s.startsWith(">=", i)) {
          tokens.add(s.substring(i, i + 2));
          i += 2;
        } else if ("{}()=<>".indexOf(c) >= 0) {
          tokens.add(String.valueOf(c));
          i++;
        } else if (c == '%') {
          throw error("regular expressions are not supported");
        } else {
          int start = i;
          while (i < s.length()
              && !Character.isWhitespace(s.charAt(i))
              && "{}()=<>!&|\"".indexOf(s.charAt(i)) < 0) {
            i++;
          }
          if (start == i) {
            throw error("unexpected '" + c + "'");
          }
          tokens.add(s.substring(start, i));
        }
      }
    }

    private String peek() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw error("unexpected end");
      }
      return tokens.get(pos++);
    }

    private void expect(String token) {
      String t = next();
      if (!t.equals(token)) {
        throw error("expected '" + token + "' but found '" + t + "'");
      }
    }

    Node filter() {
      expect("{");
      Node node = or();
      expect("}");
      if (peek() != null) {
        throw error("text after the closing brace");
      }
      return node;
    }

    private Node or() {
      Node node = and();
      while ("||".equals(peek())) {
        next();
        node = new Or(node, and());
      }
      return node;
    }

    private Node and() {
      Node node = term();
      while ("&&".equals(peek())) {
        next();
        node = new And(node, term());
      }
      return node;
    }

    private Node term() {
      if ("(".equals(peek())) {
        next();
        Node node = or();
        expect(")");
        return node;
      }
      Selector selector = selector(next());
      String op = next();
      if (op.equals("IS")) {
        String what = next();
        if (!List.of("TRUE", "FALSE", "NULL").contains(what)) {
          throw error("IS " + what);
        }
        return new Is(selector, what);
      }
      if (op.equals("NOT")) {
        expect("EXISTS");
        return new Is(selector, "NOT EXISTS");
      }
      if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
        throw error("operator '" + op + "'");
      }
      String value = next();
      boolean quoted = value.startsWith("\"");
      String text = quoted ? value.substring(1) : value;
      if (!quoted && text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
        return new NumberCompare(selector, op, new BigDecimal(text));
      }
      if (!op.equals("=") && !op.equals("!=")) {
        throw error("'" + op + "' needs a number");
      }
      return new StringCompare(selector, op.equals("="), wildcard(text));
    }

    private Selector selector(String token) {
      if (!token.startsWith("$")) {
        throw error("a selector starts with $, found '" + token + "'");
      }
      List<Object> steps = new ArrayList<>();
      var m = Pattern.compile("\\.([A-Za-z0-9_@:-]+)|\\[([0-9]+)\\]").matcher(token.substring(1));
      int at = 0;
      while (at < token.length() - 1) {
        if (!m.find(at) || m.start() != at) {
          throw error("selector '" + token + "'");
        }
        steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        at = m.end();
      }
      if (steps.isEmpty()) {
        throw error("selector '" + token + "' names no field");
      }
      return new Selector(steps);
    }

    /** CloudWatch's {@code *} matches any run of characters; everything else is literal. */
    private static Pattern wildcard(String text) {
      StringBuilder regex = new StringBuilder();
      for (String part : text.split("\\*", -1)) {
        if (!regex.isEmpty()) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(part));
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
  }
}
