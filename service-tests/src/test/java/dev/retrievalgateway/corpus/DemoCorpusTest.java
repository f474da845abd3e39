package dev.retrievalgateway.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCorpusTest {
  private static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Map<String, String> COMPANY =
      Map.of("tenant-a", "Acme Analytics", "tenant-b", "Borealis Bank");

  private final List<DemoCorpus.Entry> entries = DemoCorpus.documents();

  @Test
  void holdsAtLeastFortyDocuments() {
    assertTrue(entries.size() >= 40);
  }

  @Test
  void coversBothTenantsWithEveryClassificationInEach() {
    Map<String, Set<Classification>> levels =
        entries.stream()
            .collect(
                Collectors.groupingBy(
                    DemoCorpus.Entry::tenant,
                    Collectors.mapping(e -> e.document().classification(), Collectors.toSet())));

    assertEquals(Set.of("tenant-a", "tenant-b"), levels.keySet());
    assertEquals(EnumSet.allOf(Classification.class), levels.get("tenant-a"));
    assertEquals(EnumSet.allOf(Classification.class), levels.get("tenant-b"));
  }

  @Test
  void usesValidTenantNamesAndDocIdsThatAreUniquePerTenant() {
    Set<String> seen = new HashSet<>();

    for (DemoCorpus.Entry e : entries) {
      TenantScope.of(e.tenant()); // throws on an invalid tenant name
      assertTrue(DOC_ID.matcher(e.document().docId()).matches(), e.document().docId());
      assertTrue(seen.add(e.tenant() + "/" + e.document().docId()), e.document().docId());
    }
  }

  @Test
  void namesTheTenantsCompanyInEveryDocumentAndNeverTheOtherOne() {
    for (DemoCorpus.Entry e : entries) {
      String text = e.document().title() + " " + e.document().body();
      String own = COMPANY.get(e.tenant());
      String other =
          e.tenant().equals("tenant-a") ? COMPANY.get("tenant-b") : COMPANY.get("tenant-a");

      assertTrue(text.contains(own), e.document().docId());
      assertTrue(!text.contains(other), e.document().docId());
    }
  }

  @Test
  void fitsTheLimitsOfTheDocumentsEndpoint() {
    for (DemoCorpus.Entry e : entries) {
      Document d = e.document();
      int title = d.title().codePointCount(0, d.title().length());
      int body = d.body().codePointCount(0, d.body().length());

      assertTrue(title >= 1 && title <= 200, d.docId());
      assertTrue(body >= 1 && body <= 100_000, d.docId());
    }
  }

  @Test
  void fillsAnEmptyStoreWithoutConflicts() {
    InMemoryDocumentStore store = new InMemoryDocumentStore(10_000);

    for (DemoCorpus.Entry e : entries) {
      assertEquals(AddResult.ADDED, store.add(TenantScope.of(e.tenant()), e.document()));
    }

    assertEquals(entries.size(), store.size());
  }
}
