package dev.retrievalgateway.testkit.properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable record of a run of properties, for the evidence report: each property's
 * name, invariant, level, seed, examples asked for and run, outcome and duration. Rewritten whole
 * after every property, so that it is complete even when a later test kills the run.
 *
 * <p>The file is {@code target/property-report.json} of the module that runs the properties, or the
 * path in the system property {@value #PATH}; {@code none} writes nothing (PIT runs properties in
 * several JVMs at once, and its runs are not evidence of the examples).
 */
public final class PropertyReport {
  public static final String PATH = "properties.report";
  private static final String DEFAULT_PATH = "target/property-report.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<Entry> ENTRIES = new ArrayList<>();
  private static final Instant STARTED = Instant.now();

  private PropertyReport() {}

  /** One property's run. */
  public record Entry(
      String name,
      Invariant invariant,
      PropertyCheck.Level level,
      long seed,
      int examplesRequested,
      int examplesRun,
      String outcome,
      long durationMillis) {}

  static synchronized void record(Entry entry) {
    ENTRIES.add(entry);
    String path = System.getProperty(PATH, DEFAULT_PATH);
    if (!path.equals("none")) {
      write(Path.of(path));
    }
  }

  private static void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("started", STARTED.toString());
    root.put("seed_override", System.getProperty(PropertyCheck.SEED));
    ArrayNode properties = root.putArray("properties");
    for (Entry e : ENTRIES) {
      ObjectNode p = properties.addObject();
      p.put("name", e.name());
      p.put("invariant", e.invariant().number());
      p.put("statement", e.invariant().statement());
      p.put("level", e.level().name().toLowerCase(java.util.Locale.ROOT));
      p.put("seed", e.seed());
      p.put("examples_requested", e.examplesRequested());
      p.put("examples_run", e.examplesRun());
      p.put("outcome", e.outcome());
      p.put("duration_ms", e.durationMillis());
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "property-report", ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
