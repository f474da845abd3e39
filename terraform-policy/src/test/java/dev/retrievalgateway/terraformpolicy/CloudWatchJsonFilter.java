package dev.retrievalgateway.terraformpolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one kind of CloudWatch Logs JSON filter pattern terraform/monitoring.tf uses, {@code { $.a.b
 * = "text" }}, evaluated against a log line so that a metric filter can be tested without AWS.
 * Written here because no Java library evaluates CloudWatch filter patterns.
 *
 * <p>Semantics, as CloudWatch documents them: the event must be one JSON object; the selected field
 * must be a JSON string equal to the text, whole and case-sensitive (a JSON number never equals a
 * quoted value); a field that is absent never matches. Any other pattern (wildcards, numbers,
 * {@code &&}, {@code !=}, regular expressions, the space-delimited kind) is refused with {@link
 * IllegalArgumentException} rather than guessed at: a new kind in monitoring.tf needs its own
 * evaluation here.
 */
final class CloudWatchJsonFilter implements Predicate<String> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EQUALS_STRING =
      Pattern.compile("\\{\\s*\\$((?:\\.[A-Za-z0-9_-]+)+)\\s*=\\s*\"([^\"*\\\\]*)\"\\s*}");

  private final String pattern;
  private final List<String> path;
  private final String value;

  private CloudWatchJsonFilter(String pattern, List<String> path, String value) {
    this.pattern = pattern;
    this.path = path;
    this.value = value;
  }

  static CloudWatchJsonFilter compile(String pattern) {
    Matcher m = EQUALS_STRING.matcher(pattern.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a { $.field = \"text\" } pattern, the only kind monitoring.tf uses: " + pattern);
    }
    return new CloudWatchJsonFilter(
        pattern, List.of(m.group(1).substring(1).split("\\.")), m.group(2));
  }

  /** Whether the log event (one line as CloudWatch stores it) matches. */
  @Override
  public boolean test(String logEvent) {
    JsonNode node;
    try {
      node = JSON.readTree(logEvent.strip());
    } catch (JsonProcessingException e) {
      return false; // JSON patterns never match events that are not JSON
    }
    if (node == null || !node.isObject()) {
      return false;
    }
    for (String field : path) {
      node = node.get(field);
      if (node == null) {
        return false;
      }
    }
    return node.isTextual() && node.asText().equals(value);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
