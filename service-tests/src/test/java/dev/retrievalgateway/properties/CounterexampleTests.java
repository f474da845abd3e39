package dev.retrievalgateway.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.SearchableCorpus;
import dev.retrievalgateway.testkit.properties.Corpus;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Shrunk counterexamples the properties found (against deliberately broken builds, see
 * docs/properties.md), kept as examples: each is the smallest known case of its invariant failing.
 */
class CounterexampleTests {
  private static final String REVENUE_60 = "revenue ".repeat(60).strip();

  /** Invariant 1, seed 2172510323: a store that fell back to any tenant's id. */
  @Test
  @Tag("claim:tenant-isolation")
  void readOfAnIdThatOnlyAnotherTenantHoldsFindsNothing() {
    Corpus corpus = corpus(entry("a", "AAADBAAAAAAAAAAAAAAAAAAAAABAAA", "public", "revenue"));
    try (SearchableCorpus loaded = corpus.load()) {

      var read =
          loaded.get(
              TenantScope.of("aa"), "AAADBAAAAAAAAAAAAAAAAAAAAABAAA", Classification.INTERNAL);

      assertTrue(read.isEmpty());
    }
  }

  /** Invariant 1, seed 3061796612: the same fallback let a tenant delete another's document. */
  @Test
  @Tag("claim:tenant-isolation")
  void deleteOfAnIdThatOnlyAnotherTenantHoldsIsNotFoundAndKeepsIt() {
    Corpus corpus = corpus(entry("tenant-a", "d0", "internal", "aurora postmortem"));
    try (SearchableCorpus loaded = corpus.load()) {

      var result = loaded.remove(TenantScope.of("a"), "d0", Classification.INTERNAL);

      assertEquals(SearchableCorpus.DeleteResult.NOT_FOUND, result);
      assertTrue(
          loaded.get(TenantScope.of("tenant-a"), "d0", Classification.RESTRICTED).isPresent());
    }
  }

  /** Invariant 2, seed 2917693492: a clearance that read one level too high. */
  @Test
  @Tag("claim:clearance")
  void aConfidentialDocumentIsNoResultForAnInternalClearance() {
    Corpus corpus = corpus(entry("aa", "ACAAA", "confidential", "revenue forecast"));
    try (SearchableCorpus loaded = corpus.load()) {

      var results = loaded.query(TenantScope.of("aa"), Classification.INTERNAL, "revenue", 1);

      assertTrue(results.isEmpty());
    }
  }

  /** Invariant 3, seed 4067620851: a search that read every level and filtered the hits. */
  @Test
  @Tag("claim:score-isolation")
  void theScoreOfAPublicDocumentIgnoresAConfidentialOneOfTheSameTenant() {
    Corpus.Entry open = entry("tenant-b", "AAAAAAPAACyBFAIBBAEWACDBBc", "public", REVENUE_60);
    Corpus.Entry above =
        entry("tenant-b", "AAAAAAAAAAAAAAAAAAAAAAB", "confidential", "revenue revenue");
    try (SearchableCorpus both = corpus(open, above).load();
        SearchableCorpus onlyOpen = corpus(open).load()) {

      float score = scoreOfFirst(both);

      assertEquals(Float.floatToRawIntBits(scoreOfFirst(onlyOpen)), Float.floatToRawIntBits(score));
    }
  }

  private static float scoreOfFirst(SearchableCorpus corpus) {
    return corpus
        .query(TenantScope.of("tenant-b"), Classification.INTERNAL, "revenue", 11)
        .get(0)
        .score();
  }

  private static Corpus.Entry entry(String tenant, String id, String level, String body) {
    return new Corpus.Entry(
        tenant,
        new Document(id, "revenue", body, Classification.fromWireName(level).orElseThrow()));
  }

  private static Corpus corpus(Corpus.Entry... entries) {
    return Corpus.of(List.of(entries));
  }
}
