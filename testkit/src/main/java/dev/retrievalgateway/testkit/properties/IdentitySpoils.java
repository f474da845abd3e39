package dev.retrievalgateway.testkit.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The ways an identity can fail to be exactly valid, applied to one header of a valid identity:
 * missing, empty, repeated, values in the wrong case, whitespace, Unicode look-alikes and invisible
 * characters, overlong names, characters outside the name rule, unknown roles. The contract's rule
 * is that none of them is ever repaired: each is a {@code 401}.
 */
enum IdentitySpoils {
  MISSING,
  EMPTY,
  REPEATED_SAME,
  REPEATED_OTHER,
  WRONG_CASE,
  LEADING_WHITESPACE,
  TRAILING_WHITESPACE,
  INNER_WHITESPACE,
  LOOK_ALIKE,
  INVISIBLE,
  NON_ASCII,
  OVERLONG,
  BAD_FIRST_CHARACTER,
  BAD_CHARACTER,
  CONTROL_CHARACTER,
  UNKNOWN_ROLE;

  /** Cyrillic and Greek letters that look like Latin ones; other characters get fullwidth forms. */
  private static final Map<Character, Character> LOOK_ALIKES =
      Map.of(
          'a', '\u0430', 'c', '\u0441', 'e', '\u0435', 'o', '\u043e', 'p', '\u0440', 'x', '\u0445',
          'y', '\u0443', 'i', '\u0456', 's', '\u0455', 'n', '\u03b7');

  private static final String[] INVISIBLES = {"\u200b", "\u00ad", "\ufeff", "\u0301", "\u2060"};
  private static final String[] NON_ASCII_TEXT = {"\u00e9", "\ufffd", "\u00df", "\u0131", "\u212a"};
  private static final String[] BAD_CHARACTERS = {
    "/", ":", "@", "+", "*", "?", "A", "Z", "~", ",", ";", "=", "(", "!", "%", "\"", "\\"
  };
  private static final String[] CONTROLS = {"\u0000", "\u0001", "\u007f", "\u001b", "\u0085"};
  private static final String[] WHITESPACE = {" ", "\t"};

  /**
   * True when an HTTP client can send the spoiled value as it is. HTTP strips whitespace around a
   * field value and forbids control characters in it, so those spoils exist only in a resolver's
   * input, never on the wire.
   */
  boolean survivesHttp() {
    return this != LEADING_WHITESPACE && this != TRAILING_WHITESPACE && this != CONTROL_CHARACTER;
  }

  /** The spoils of a single value (not of the header's presence or count). */
  static List<IdentitySpoils> ofValues() {
    Set<IdentitySpoils> ofPresence =
        EnumSet.of(MISSING, REPEATED_SAME, REPEATED_OTHER, UNKNOWN_ROLE);
    return Arrays.stream(values()).filter(s -> !ofPresence.contains(s)).toList();
  }

  /** Valid identities (user, tenant, default role). */
  static Gen<IdentityHeaders> validIdentities() {
    return Generators.users()
        .zip(
            Generators.tenants(),
            Generators.roles(),
            (u, t, r) -> IdentityHeaders.valid(u, t, r.name()));
  }

  /** Identities that are not exactly valid, by one spoil of one header. */
  static Gen<IdentityHeaders> spoiledIdentities(boolean overHttp) {
    List<IdentitySpoils> spoils = new ArrayList<>();
    for (IdentitySpoils s : values()) {
      if (!overHttp || s.survivesHttp()) {
        spoils.add(s);
      }
    }
    return validIdentities()
        .zip(
            Generate.range(0, 2),
            Generate.pick(spoils),
            Generate.range(0, 1000),
            (id, header, spoil, at) -> spoil.apply(id, header, at));
  }

  /** The identity with header {@code header} (0 user, 1 tenant, 2 role) spoiled at {@code at}. */
  IdentityHeaders apply(IdentityHeaders id, int header, int at) {
    List<List<String>> headers = new ArrayList<>(List.of(id.user(), id.tenant(), id.role()));
    int h = this == UNKNOWN_ROLE ? 2 : header;
    headers.set(h, spoil(headers.get(h).get(0), h == 2, at));
    return new IdentityHeaders(
        headers.get(0),
        headers.get(1),
        headers.get(2),
        name() + " of " + List.of("X-User", "X-Tenant", "X-Role").get(h));
  }

  /** Spoils one value: what an identity claim of a token can carry too. */
  List<String> spoil(String v, boolean role, int at) {
    return switch (this) {
      case MISSING -> List.of();
      case EMPTY -> List.of("");
      case REPEATED_SAME -> List.of(v, v);
      case REPEATED_OTHER ->
          List.of(v, role ? (v.equals("admin") ? "intern" : "admin") : "tenant-z");
      case WRONG_CASE -> List.of(wrongCase(v, at));
      case LEADING_WHITESPACE -> List.of(pick(WHITESPACE, at) + v);
      case TRAILING_WHITESPACE -> List.of(v + pick(WHITESPACE, at));
      case INNER_WHITESPACE ->
          List.of(
              v.length() > 1
                  ? insert(v, 1 + at % (v.length() - 1), pick(WHITESPACE, at))
                  : v + " " + v);
      case LOOK_ALIKE -> List.of(lookAlike(v, at));
      case INVISIBLE -> List.of(insert(v, at % (v.length() + 1), pick(INVISIBLES, at)));
      case NON_ASCII -> List.of(insert(v, at % (v.length() + 1), pick(NON_ASCII_TEXT, at)));
      case OVERLONG -> List.of(v + "a".repeat(Math.max(1, 65 - v.length() + at % 40)));
      case BAD_FIRST_CHARACTER -> List.of(pick(new String[] {".", "-", "_"}, at) + v);
      case BAD_CHARACTER -> List.of(insert(v, at % (v.length() + 1), pick(BAD_CHARACTERS, at)));
      case CONTROL_CHARACTER -> List.of(insert(v, at % (v.length() + 1), pick(CONTROLS, at)));
      case UNKNOWN_ROLE ->
          List.of(pick(new String[] {"root", "administrator", "guest", "intern2", "reader"}, at));
    };
  }

  private static String wrongCase(String v, int at) {
    for (int i = 0; i < v.length(); i++) {
      int p = (at + i) % v.length();
      char c = v.charAt(p);
      if (Character.isLetter(c)) {
        return v.substring(0, p) + Character.toUpperCase(c) + v.substring(p + 1);
      }
    }
    return "A" + v.toUpperCase(Locale.ROOT); // no letter: an upper-case one in front
  }

  private static String lookAlike(String v, int at) {
    int p = at % v.length();
    char c = v.charAt(p);
    Character alike = LOOK_ALIKES.get(c);
    char replacement = alike != null ? alike : (char) (c - 0x21 + 0xff01); // fullwidth form
    return v.substring(0, p) + replacement + v.substring(p + 1);
  }

  private static String insert(String v, int p, String s) {
    return v.substring(0, p) + s + v.substring(p);
  }

  private static String pick(String[] options, int at) {
    return options[at % options.length];
  }
}
