package dev.retrievalgateway.terraformpolicy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Terraform root module (a directory of {@code .tf} files), parsed with hcl4j into nested maps.
 *
 * <p>Each file is parsed on its own, then the top-level blocks are merged the way Terraform merges
 * the files of a module. hcl4j keeps references as text: {@code aws_iam_role.function.arn} stays
 * that string, and an interpolation such as {@code "${aws_x.y.arn}:*"} becomes {@code
 * "aws_x.y.arn:*"}. It does not evaluate conditionals or most functions faithfully, so policies
 * read literal values and references, and {@link #resolve(Object)} follows only plain {@code
 * local.x} and {@code var.x} references (a variable resolves to its default).
 *
 * <p>{@link #load(Path, Map)} parses with some variables set, as {@code terraform plan -var} would:
 * hcl4j then evaluates conditionals on them ({@code count = var.store == "opensearch" ? 1 : 0}), so
 * that a policy can read each variant of the stack. hcl4j renders an index into a counted resource,
 * {@code aws_x.y[0].arn}, as {@code aws_x.y.value.arn}. A resource with {@code for_each} is read as
 * its instances, each under its Terraform name {@code y["key"]} (see {@link #instances}).
 */
public final class TerraformModule {

  private static final Pattern LOCAL_REF = Pattern.compile("^local\\.([A-Za-z0-9_-]+)$");
  private static final Pattern VAR_REF = Pattern.compile("^var\\.([A-Za-z0-9_-]+)$");

  private final Path dir;
  private final Map<Path, String> sources = new TreeMap<>();

  /** type -> name -> attributes. */
  private final Map<String, Map<String, Map<String, Object>>> resources = new TreeMap<>();

  /** "type.name" -> file it came from, for messages. */
  private final Map<String, Path> resourceFiles = new TreeMap<>();

  private final Map<String, Object> locals = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> variables = new TreeMap<>();
  private final Map<String, Map<String, Object>> outputs = new TreeMap<>();
  private final Map<String, Map<String, Object>> providers = new TreeMap<>();
  private final List<Map<String, Object>> terraformBlocks = new ArrayList<>();

  private final Map<String, Object> setVariables;

  private TerraformModule(Path dir, Map<String, Object> setVariables) {
    this.dir = dir;
    this.setVariables = Map.copyOf(setVariables);
  }

  /** Parses every {@code *.tf} file directly in {@code dir} (not .terraform/, not sub-modules). */
  public static TerraformModule load(Path dir) {
    return load(dir, Map.of());
  }

  /**
   * Parses the module with these variables set (numbers as {@link Double}, as hcl4j reads them);
   * variables not named here stay references, which {@link #resolve(Object)} takes to defaults.
   */
  public static TerraformModule load(Path dir, Map<String, Object> variables) {
    TerraformModule module = new TerraformModule(dir, variables);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no .tf files in " + dir);
    }
    for (Path file : files) {
      module.add(file);
    }
    return module;
  }

  private void add(Path file) {
    String text;
    Map<String, Object> parsed;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      parsed = asMap(plain(parser().parse(text)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) { // hcl4j throws its own checked parse exception
      throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
    }
    sources.put(file, text);
    for (Map.Entry<String, Object> block : parsed.entrySet()) {
      switch (block.getKey()) {
        case "resource" -> {
          for (Map.Entry<String, Object> type : asMap(block.getValue()).entrySet()) {
            for (Map.Entry<String, Object> named : asMap(type.getValue()).entrySet()) {
              instances(type.getKey() + "." + named.getKey(), asMap(named.getValue()))
                  .forEach(
                      (address, instance) -> {
                        if (resourceFiles.containsKey(address)) {
                          throw new IllegalStateException(
                              "resource " + address + " is declared twice");
                        }
                        resourceFiles.put(address, file);
                        resources
                            .computeIfAbsent(type.getKey(), k -> new TreeMap<>())
                            .put(address.substring(type.getKey().length() + 1), instance);
                      });
            }
          }
        }
        case "locals" -> blocks(block.getValue()).forEach(locals::putAll);
        case "variable" -> putNamed(variables, block.getValue());
        case "output" -> putNamed(outputs, block.getValue());
        case "provider" -> putNamed(providers, block.getValue());
        case "terraform" -> terraformBlocks.addAll(blocks(block.getValue()));
        default -> {
          // data sources, modules and hcl4j's own side tables (it lists jsonencode() arguments
          // as a top-level key) are not needed by any policy yet.
        }
      }
    }
  }

  /**
   * A parser with the set variables and the two Terraform functions the stack's conditionals need,
   * which hcl4j lacks: {@code tomap} (the identity on a map here) and {@code merge}.
   */
  private HCLParser parser() {
    HCLParser parser = new HCLParser();
    parser.setVariables(new LinkedHashMap<>(setVariables));
    parser.registerFunction("tomap", args -> args.isEmpty() ? null : args.get(0));
    parser.registerFunction(
        "merge",
        args -> {
          Map<String, Object> merged = new LinkedHashMap<>();
          for (Object arg : args) {
            if (!(arg instanceof Map<?, ?> map)) {
              return null; // an argument hcl4j could not evaluate: the merge is unknown too
            }
            map.forEach((k, v) -> merged.put(String.valueOf(k), v));
          }
          return merged;
        });
    return parser;
  }

  /**
   * A resource block as Terraform expands it, by address: itself, or with {@code for_each} one
   * instance per entry ({@code type.name["key"]}) with {@code each.key} and {@code each.value.x}
   * filled in; {@code dynamic} blocks become the blocks they generate. Only a {@code for_each} that
   * hcl4j evaluated to a map is understood: anything else fails here rather than being misread.
   */
  private static Map<String, Map<String, Object>> instances(
      String address, Map<String, Object> body) {
    if (!body.containsKey("for_each")) {
      return Map.of(address, expandDynamic(body));
    }
    if (!(body.get("for_each") instanceof Map<?, ?> forEach)) {
      throw new IllegalStateException(
          address + ": for_each is not a map hcl4j could evaluate: " + body.get("for_each"));
    }
    Map<String, Object> rest = new LinkedHashMap<>(body);
    rest.remove("for_each");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    forEach.forEach(
        (key, value) ->
            out.put(
                address + "[\"" + key + "\"]",
                expandDynamic(asMap(fill(rest, "each", String.valueOf(key), value)))));
    return out;
  }

  /** A block with its {@code dynamic "x"} blocks replaced by the {@code x} blocks they generate. */
  private static Map<String, Object> expandDynamic(Map<String, Object> block) {
    Map<String, Object> out = new LinkedHashMap<>(block);
    Object dynamic = out.remove("dynamic");
    if (dynamic == null) {
      return out;
    }
    for (Map.Entry<String, Object> generated : asMap(dynamic).entrySet()) {
      String name = generated.getKey();
      Map<String, Object> spec = asMap(generated.getValue());
      if (!(spec.get("for_each") instanceof Map<?, ?> forEach) || spec.containsKey("iterator")) {
        throw new IllegalStateException("dynamic \"" + name + "\" not understood: " + spec);
      }
      List<Map<String, Object>> all = new ArrayList<>(blocks(out.get(name)));
      forEach.forEach(
          (key, value) ->
              all.add(asMap(fill(spec.get("content"), name, String.valueOf(key), value))));
      out.put(name, all);
    }
    return out;
  }

  /**
   * The tree with an iterator's {@code it.key} and {@code it.value.a.b} references replaced by this
   * entry's key and value: a whole-string reference by the value itself (a map stays a map), one
   * inside an interpolation (hcl4j renders {@code "${local.name}-${each.key}"} as {@code
   * "local.name-each.key"}) by its text.
   */
  private static Object fill(Object tree, String iterator, String key, Object value) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), fill(v, iterator, key, value)));
      return out;
    }
    if (tree instanceof List<?> list) {
      return list.stream().map(v -> fill(v, iterator, key, value)).toList();
    }
    if (!(tree instanceof String s)) {
      return tree;
    }
    Pattern reference =
        Pattern.compile("\\b" + Pattern.quote(iterator) + "\\.(key|value((\\.[A-Za-z0-9_]+)*))\\b");
    Matcher whole = reference.matcher(s);
    if (whole.matches()) {
      return referenced(whole, key, value);
    }
    return reference
        .matcher(s)
        .replaceAll(m -> Matcher.quoteReplacement(String.valueOf(referenced(m, key, value))));
  }

  /** The key, or {@code .a.b} of the value; a missing attribute fails, as it does in Terraform. */
  private static Object referenced(MatchResult reference, String key, Object value) {
    if (reference.group(1).equals("key")) {
      return key;
    }
    Object current = value;
    String path = reference.group(2);
    for (String name : path.isEmpty() ? new String[0] : path.substring(1).split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(name)) {
        throw new IllegalStateException(
            reference.group() + ": no attribute " + name + " in " + value);
      }
      current = map.get(name);
    }
    return current;
  }

  /**
   * Whether Terraform would create this resource in the variant parsed: a {@code count} that
   * evaluated to 0 means no.
   */
  public static boolean created(Map<String, Object> resource) {
    Object count = resource.get("count");
    if (count == null) {
      return true;
    }
    if (count instanceof Number n) {
      return n.doubleValue() > 0;
    }
    throw new AssertionError("count is not a number hcl4j could evaluate: " + count);
  }

  /** The resources of one type that this variant creates, by name. */
  public Map<String, Map<String, Object>> createdResources(String type) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    resources(type)
        .forEach(
            (name, r) -> {
              if (created(r)) {
                out.put(name, r);
              }
            });
    return out;
  }

  /**
   * The parsed tree as plain Java values (String, Double, Boolean, List, Map, null): hcl4j leaves
   * unresolved references as its own symbol objects, whose text is the reference path.
   */
  private static Object plain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return String.valueOf(value);
  }

  private static void putNamed(Map<String, Map<String, Object>> into, Object value) {
    for (Map.Entry<String, Object> e : asMap(value).entrySet()) {
      into.put(e.getKey(), asMap(e.getValue()));
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * The raw text of every file, by path: for properties of text, such as a name never appearing.
   */
  public Map<Path, String> sources() {
    return sources;
  }

  /** The resources of one type, by name; empty when there are none. */
  public Map<String, Map<String, Object>> resources(String type) {
    return resources.getOrDefault(type, Map.of());
  }

  /** All resource types declared. */
  public java.util.Set<String> resourceTypes() {
    return resources.keySet();
  }

  /** The one resource of a type; fails when there are none or several. */
  public Map.Entry<String, Map<String, Object>> single(String type) {
    Map<String, Map<String, Object>> all = resources(type);
    if (all.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + type + ", found " + all.size() + ": " + all.keySet());
    }
    return all.entrySet().iterator().next();
  }

  public Optional<Map<String, Object>> resource(String type, String name) {
    return Optional.ofNullable(resources(type).get(name));
  }

  /** Where a resource is declared, for messages. */
  public Path fileOf(String type, String name) {
    return resourceFiles.get(type + "." + name);
  }

  public Map<String, Object> locals() {
    return locals;
  }

  public Map<String, Map<String, Object>> variables() {
    return variables;
  }

  public Map<String, Map<String, Object>> outputs() {
    return outputs;
  }

  public Map<String, Map<String, Object>> providers() {
    return providers;
  }

  public List<Map<String, Object>> terraformBlocks() {
    return terraformBlocks;
  }

  /**
   * Follows plain {@code local.x} and {@code var.x} references (a variable to its default) until a
   * value that is not such a reference; anything else is returned as it is.
   */
  public Object resolve(Object value) {
    Object current = value;
    for (int depth = 0; depth < 16; depth++) {
      if (!(current instanceof String s)) {
        return current;
      }
      Matcher local = LOCAL_REF.matcher(s);
      Matcher var = VAR_REF.matcher(s);
      if (local.matches() && locals.containsKey(local.group(1))) {
        current = locals.get(local.group(1));
      } else if (var.matches() && variables.containsKey(var.group(1))) {
        current = variables.get(var.group(1)).get("default");
      } else {
        return current;
      }
    }
    throw new IllegalStateException("reference loop at " + value);
  }

  /** {@link #resolve(Object)} as a string; {@code null} stays {@code null}. */
  public String resolveString(Object value) {
    Object resolved = resolve(value);
    return resolved == null ? null : String.valueOf(resolved);
  }

  /** A number (hcl4j reads every number as a double), after resolving references. */
  public Double resolveNumber(Object value) {
    Object resolved = resolve(value);
    if (resolved instanceof Number n) {
      return n.doubleValue();
    }
    throw new AssertionError("not a number: " + value + " (resolved to " + resolved + ")");
  }

  /**
   * A nested block as a list: hcl4j gives a single block as a map and a repeated one as a list of
   * maps; absent is empty.
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> blocks(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Map<?, ?> map) {
      return List.of((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object item : list) {
        out.add(asMap(item));
      }
      return out;
    }
    throw new AssertionError("not a block: " + value);
  }

  /** The single nested block of that name; fails when it is absent or repeated. */
  public static Map<String, Object> block(Map<String, Object> parent, String name) {
    List<Map<String, Object>> all = blocks(parent.get(name));
    if (all.size() != 1) {
      throw new AssertionError("expected one " + name + " block, found " + all.size());
    }
    return all.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new AssertionError("not a map: " + value);
  }

  /** A list attribute as strings; a single string counts as a one-element list (IAM's Action). */
  public static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }
}
