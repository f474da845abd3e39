package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.HeaderIdentity;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.SearchableCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A generated corpus: documents of several tenants, at most one per (tenant, doc id), in the order
 * they are loaded. It is plain data (a counterexample prints it whole) and the expected side of the
 * properties: what each tenant holds, and what a clearance may read.
 */
public record Corpus(List<Entry> entries) {
  private static final Role ADMIN = GatewayConfig.defaultRoles().get("admin");

  /** A document of one tenant. */
  public record Entry(String tenant, Document document) {
    public Entry {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(document, "document");
    }

    public String docId() {
      return document.docId();
    }

    public Classification classification() {
      return document.classification();
    }

    /** Prints the text too: generated data, and what a reader of a counterexample needs. */
    @Override
    public String toString() {
      return tenant
          + "/"
          + document.docId()
          + "["
          + document.classification().wireName()
          + "] \""
          + document.title()
          + "\": \""
          + document.body()
          + "\"";
    }
  }

  public Corpus {
    entries = List.copyOf(entries);
  }

  /** The corpus of these entries, keeping the first of any two with the same (tenant, id). */
  public static Corpus of(List<Entry> entries) {
    Map<String, Entry> unique = new LinkedHashMap<>();
    for (Entry e : entries) {
      unique.putIfAbsent(e.tenant() + "\u0000" + e.docId(), e);
    }
    return new Corpus(new ArrayList<>(unique.values()));
  }

  /** The tenants that hold documents, in order of first appearance. */
  public Set<String> tenants() {
    return entries.stream().map(Entry::tenant).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The distinct words of every title and body, of every tenant. */
  public Set<String> words() {
    Set<String> words = new LinkedHashSet<>();
    for (Entry e : entries) {
      words.addAll(List.of(e.document().title().split(" ")));
      words.addAll(List.of(e.document().body().split(" ")));
    }
    return words;
  }

  /** The tenant's document with this id, whatever its classification. */
  public Optional<Document> get(String tenant, String docId) {
    return entries.stream()
        .filter(e -> e.tenant().equals(tenant) && e.docId().equals(docId))
        .map(Entry::document)
        .findFirst();
  }

  /** The tenant's documents readable with the clearance. */
  public List<Document> readable(String tenant, Classification clearance) {
    return entries.stream()
        .filter(e -> e.tenant().equals(tenant))
        .map(Entry::document)
        .filter(d -> Clearance.permits(clearance, d.classification()))
        .toList();
  }

  /** The entries outside what a principal of {@code tenant} with {@code clearance} may read. */
  public List<Entry> unreadableBy(String tenant, Classification clearance) {
    return entries.stream().filter(isReadableBy(tenant, clearance).negate()).toList();
  }

  public static Predicate<Entry> isReadableBy(String tenant, Classification clearance) {
    return e -> e.tenant().equals(tenant) && Clearance.permits(clearance, e.classification());
  }

  /** This corpus with the entries the filter keeps, in the same order. */
  public Corpus filter(Predicate<Entry> keep) {
    return new Corpus(entries.stream().filter(keep).toList());
  }

  /** A writer of {@code tenant} who reads everything it holds: the one who loads and checks. */
  public static Principal adminOf(String tenant) {
    return new Principal(HeaderIdentity.ISSUER, "loader", TenantScope.of(tenant), ADMIN);
  }

  /**
   * Ingests every entry through {@code gateway} (the service's classes or a gateway over HTTP) as
   * its tenant's admin; each must be created.
   */
  public void loadThrough(Operations gateway) {
    for (Entry e : entries) {
      Operations.WriteOutcome outcome = gateway.ingest(adminOf(e.tenant()), e.document());
      if (outcome != Operations.WriteOutcome.CREATED) {
        throw new AssertionError("loading " + e.docId() + ": " + outcome);
      }
    }
  }

  /** A fresh searchable corpus holding these documents, loaded in order. */
  public SearchableCorpus load() {
    SearchableCorpus corpus = SearchableCorpus.inMemory(Integer.MAX_VALUE);
    for (Entry e : entries) {
      AddResult result = corpus.add(TenantScope.of(e.tenant()), e.document());
      if (result != AddResult.ADDED) {
        corpus.close();
        throw new IllegalStateException("loading a generated corpus: " + result);
      }
    }
    return corpus;
  }

  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return entries.stream()
        .map(Entry::toString)
        .collect(Collectors.joining("\n    ", "Corpus(" + entries.size() + ")\n    ", ""));
  }
}
