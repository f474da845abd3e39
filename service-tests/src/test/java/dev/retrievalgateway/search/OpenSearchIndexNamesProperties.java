package dev.retrievalgateway.search;

import static dev.retrievalgateway.testkit.properties.Generators.classifications;
import static dev.retrievalgateway.testkit.properties.Generators.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testkit.properties.Invariant;
import dev.retrievalgateway.testkit.properties.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The OpenSearch store's index names, for every valid tenant name and classification: injective
 * (the pair can be read back, so two pairs never share an index) and safe (a concrete, ordinary
 * index name: never a wildcard, hidden, an alias the store made, or over OpenSearch's limits).
 */
@Tag("claim:store-opensearch")
class OpenSearchIndexNamesProperties {
  private static final OpenSearchIndexNames NAMES = new OpenSearchIndexNames("rg-");

  @Nested
  class Names {
    @Test
    void everyPairReadsBackFromItsIndexName() {
      layout().forAll(pairs(), p -> assertEquals(Optional.of(p), NAMES.parse(name(p))));
    }

    @Test
    void twoDifferentPairsNeverShareAnIndex() {
      layout()
          .forAll(
              pairs().zip(pairs(), List::of),
              two -> {
                if (!two.get(0).equals(two.get(1))) {
                  assertNotEquals(name(two.get(0)), name(two.get(1)));
                }
              });
    }

    @Test
    void everyNameIsAConcreteIndexNameOpenSearchAccepts() {
      layout().forAll(pairs(), p -> assertSafe(name(p)));
    }

    @Test
    void aSearchNamesExactlyTheReadableIndicesOfTheTenant() {
      layout()
          .forAll(
              pairs(),
              p -> {
                TenantScope tenant = TenantScope.of(p.tenant());
                Classification clearance = p.classification();
                List<String> readable = NAMES.readable(tenant, clearance);

                for (Classification c : Classification.values()) {
                  String index = NAMES.of(tenant, c);
                  assertEquals(c.isReadableWith(clearance), readable.contains(index), index);
                }
                assertEquals(clearance.ordinal() + 1, readable.size());
              });
    }

    @Test
    void theRegistryIsNoTenantsIndex() {
      layout()
          .forAll(
              pairs(),
              p -> {
                assertNotEquals(NAMES.registry(), name(p));
                assertEquals(Optional.empty(), NAMES.parse(NAMES.registry()));
              });
    }
  }

  private static PropertyCheck layout() {
    return PropertyCheck.classLevel(Invariant.STORE_LAYOUT);
  }

  /** Any valid tenant name with any classification. */
  private static Gen<OpenSearchIndexNames.Pair> pairs() {
    return names().zip(classifications(), OpenSearchIndexNames.Pair::new);
  }

  private static String name(OpenSearchIndexNames.Pair p) {
    return NAMES.of(TenantScope.of(p.tenant()), p.classification());
  }

  /**
   * OpenSearch's rules for an index name (MetadataCreateIndexService.validateIndexOrAliasName and
   * the REST layer's wildcard and date-math syntax), plus "not hidden" and "not a pattern".
   */
  static void assertSafe(String name) {
    assertFalse(name.isEmpty());
    assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 255, "at most 255 bytes");
    assertEquals(name.toLowerCase(java.util.Locale.ROOT), name, "lower case");
    assertFalse(name.equals(".") || name.equals(".."), "not . or ..");
    assertFalse(name.startsWith("."), "not hidden");
    assertFalse(
        name.startsWith("_") || name.startsWith("-") || name.startsWith("+"), "no leading _ - +");
    for (char c : "\\/*?\"<>| ,#:".toCharArray()) {
      assertFalse(name.indexOf(c) >= 0, "no '" + c + "'");
    }
    assertFalse(name.startsWith("<"), "no date math");
    assertTrue(name.chars().allMatch(c -> c > 0x20 && c < 0x7f), "printable ASCII");
  }
}
