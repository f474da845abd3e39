package dev.retrievalgateway.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retrievalgateway.access.Classification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demo corpus ({@code demo-corpus.json} on the class path): 24 documents in each of the
 * fictional tenants {@code tenant-a} ("Acme Analytics") and {@code tenant-b} ("Borealis Bank"), six
 * per classification. Both tenants write about the same topics (quarterly revenue forecast,
 * incident postmortem, onboarding guide, product roadmap, security audit, payroll, merger plans,
 * vendor contracts, ...), and every text names its tenant's company, so a leak across tenants or
 * above a clearance shows in the results of an ordinary query and is obvious to a human reader. Ids
 * are {@code a-pub-001} ... {@code b-res-006}: tenant letter, classification, number.
 *
 * <p>Kept as JSON rather than Java so that the texts can be read and edited as data.
 */
public final class DemoCorpus {
  private static final String RESOURCE = "/demo-corpus.json";

  /** One document of the demo corpus and the tenant it belongs to. */
  public record Entry(String tenant, Document document) {
    public Entry {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(document, "document");
    }
  }

  private record JsonEntry(
      @JsonProperty(value = "tenant", required = true) String tenant,
      @JsonProperty(value = "doc_id", required = true) String docId,
      @JsonProperty(value = "title", required = true) String title,
      @JsonProperty(value = "body", required = true) String body,
      @JsonProperty(value = "classification", required = true) String classification) {}

  private static final List<Entry> DOCUMENTS = load();

  private DemoCorpus() {}

  /** The documents of the demo corpus, in a fixed order; the list is immutable. */
  public static List<Entry> documents() {
    return DOCUMENTS;
  }

  private static List<Entry> load() {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    try (InputStream in = DemoCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("demo corpus resource missing: " + RESOURCE);
      }
      List<JsonEntry> raw = mapper.readValue(in, new TypeReference<List<JsonEntry>>() {});
      List<Entry> entries = new ArrayList<>(raw.size());
      for (JsonEntry e : raw) {
        Classification classification =
            Classification.fromWireName(e.classification())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "demo corpus: bad classification in " + e.docId()));
        entries.add(
            new Entry(e.tenant(), new Document(e.docId(), e.title(), e.body(), classification)));
      }
      return List.copyOf(entries);
    } catch (IOException e) {
      throw new UncheckedIOException("demo corpus cannot be read", e);
    }
  }
}
