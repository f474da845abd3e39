package dev.retrievalgateway.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.config.OpenSearchSettings;
import dev.retrievalgateway.corpus.AddResult;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.search.StoreUnavailableException.Category;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ExpandWildcard;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.Result;
import org.opensearch.client.opensearch._types.SearchType;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.get.GetResult;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.opensearch.client.util.ObjectBuilder;

/**
 * The production store: documents and their indexes in OpenSearch (Amazon OpenSearch Service on
 * AWS), shared by every gateway instance and durable across restarts.
 *
 * <p>Layout, the same as the in-memory store's: one index per (tenant, classification), named by
 * {@link OpenSearchIndexNames} from a {@link TenantScope} only, created on the tenant's first write
 * at that classification with an explicit, strict mapping ({@code title} and {@code body} as text
 * with the {@code english} analyzer, the same analysis as Lucene's {@code EnglishAnalyzer} that the
 * in-memory index uses; {@code doc_id} as a keyword for ties). A search names exactly the readable
 * indices of the caller's tenant and runs {@code dfs_query_then_fetch}, so BM25's statistics are
 * gathered from those indices only (score isolation); it fails, never degrades, when a shard fails
 * ({@code allow_partial_search_results=false}).
 *
 * <p>Writes: a registry index holds one entry per (tenant, doc id), created with {@code op_type
 * create}, so exactly one of several concurrent POSTs of the same id wins, whatever the instance or
 * classification; and one quota counter per tenant, changed only by compare-and-set on its sequence
 * number, so the quota holds under concurrent writers. Every write refreshes the shard it changed
 * ({@code refresh=true}): visible to the next request of any instance.
 *
 * <p>Deleted documents go on counting in OpenSearch's term statistics until their segment is
 * merged. They can only weigh on searches of the index they were in, that is, of callers who could
 * read them, so no unreadable text leaks through scores; but a caller's scores right after a delete
 * can differ from those of a store that never held the document. The README ("Stores") says so.
 */
public final class OpenSearchCorpusStore implements CorpusStore {
  private static final String DOC_ID = "doc_id";
  private static final List<String> SOURCE_FIELDS =
      List.of(DOC_ID, "title", "body", "classification");
  private static final int CAS_ATTEMPTS = 64;

  private final OpenSearchClient client;
  private final OpenSearchTransport transport;
  private final OpenSearchIndexNames names;
  private final OpenSearchSettings settings;
  private final int maxDocumentsPerTenant;
  // The same analysis as the in-memory index, for query terms and snippets.
  private final Analyzer analyzer = new EnglishAnalyzer();
  // Indices known to exist; another instance may create one first, which create() tolerates.
  private final Set<String> existing = ConcurrentHashMap.newKeySet();

  OpenSearchCorpusStore(
      OpenSearchTransport transport, OpenSearchSettings settings, int maxDocumentsPerTenant) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.client = new OpenSearchClient(transport);
    this.settings = settings;
    this.names = new OpenSearchIndexNames(settings.indexPrefix());
    this.maxDocumentsPerTenant = maxDocumentsPerTenant;
  }

  /**
   * A store on the cluster the settings name; connects lazily, so a cluster that is down is 503.
   */
  public static OpenSearchCorpusStore connect(
      OpenSearchSettings settings, int maxDocumentsPerTenant) {
    return new OpenSearchCorpusStore(
        OpenSearchTransports.create(settings), settings, maxDocumentsPerTenant);
  }

  /** A document as stored in a classification index. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StoredDocument(
      @JsonProperty(DOC_ID) String docId,
      @JsonProperty("title") String title,
      @JsonProperty("body") String body,
      @JsonProperty("classification") String classification) {
    static StoredDocument of(Document d) {
      return new StoredDocument(d.docId(), d.title(), d.body(), d.classification().wireName());
    }

    Document toDocument() {
      return new Document(
          docId, title, body, Classification.fromWireName(classification).orElseThrow());
    }
  }

  /**
   * A registry entry: a reserved doc id ({@code kind=doc}) or a tenant's counter ({@code count}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegistryEntry(
      @JsonProperty("kind") String kind,
      @JsonProperty("tenant") String tenant,
      @JsonProperty("count") Long count) {}

  @Override
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    return call(
        "add",
        () -> {
          ensureRegistry();
          if (!reserveId(tenant, doc.docId())) {
            return AddResult.CONFLICT;
          }
          boolean counted = false;
          try {
            if (!changeCount(tenant, +1)) {
              releaseId(tenant, doc.docId());
              return AddResult.QUOTA_EXCEEDED;
            }
            counted = true;
            String index = names.of(tenant, doc.classification());
            ensureIndex(index);
            client.create(
                c ->
                    c.index(index)
                        .id(doc.docId())
                        .document(StoredDocument.of(doc))
                        .refresh(Refresh.True));
            return AddResult.ADDED;
          } catch (IOException | RuntimeException e) {
            // Undo the reservations, so a failed add leaves the id and the quota free again.
            undo(tenant, doc.docId(), counted);
            throw e;
          }
        });
  }

  @Override
  public Optional<Document> find(TenantScope tenant, String docId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    return call(
        "find",
        () -> {
          // One realtime multi-get over the tenant's four indices: the same work whatever the
          // document's classification, or when there is none.
          MgetResponse<StoredDocument> response =
              client.mget(
                  m -> {
                    for (String index : names.all(tenant)) {
                      m.docs(d -> d.index(index).id(docId));
                    }
                    return m;
                  },
                  StoredDocument.class);
          for (MultiGetResponseItem<StoredDocument> item : response.docs()) {
            if (item.isFailure()) {
              if (!"index_not_found_exception".equals(item.failure().error().type())) {
                throw new StoreUnavailableException(Category.STATUS, "find");
              }
              continue;
            }
            GetResult<StoredDocument> got = item.result();
            if (got.found() && got.source() != null) {
              return Optional.of(got.source().toDocument());
            }
          }
          return Optional.empty();
        });
  }

  @Override
  public boolean delete(TenantScope tenant, String docId, Classification classification) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(classification, "classification");
    return call(
        "delete",
        () -> {
          String index = names.of(tenant, classification);
          Result result;
          try {
            result = client.delete(d -> d.index(index).id(docId).refresh(Refresh.True)).result();
          } catch (OpenSearchException e) {
            if (e.status() == 404) {
              return false; // no such index: nothing to delete
            }
            throw e;
          }
          if (result != Result.Deleted) {
            return false; // a concurrent delete won; it releases the id and the quota
          }
          releaseId(tenant, docId);
          changeCount(tenant, -1);
          return true;
        });
  }

  @Override
  public List<SearchableCorpus.Result> search(
      TenantScope tenant, Classification clearance, String text, int topK) {
    Set<String> terms = QueryTerms.of(analyzer, text);
    if (terms.isEmpty()) {
      return List.of();
    }
    List<String> indices = names.readable(tenant, clearance);
    List<Query> clauses = new ArrayList<>();
    for (String term : terms) {
      clauses.add(Query.of(q -> q.term(t -> t.field("title").value(FieldValue.of(term)))));
      clauses.add(Query.of(q -> q.term(t -> t.field("body").value(FieldValue.of(term)))));
    }
    SearchResponse<StoredDocument> response =
        call(
            "search",
            () ->
                client.search(
                    s ->
                        s.index(indices)
                            // Statistics from exactly these indices: the in-memory MultiReader's.
                            .searchType(SearchType.DfsQueryThenFetch)
                            // A tenant has an index per classification only once it wrote there.
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .expandWildcards(ExpandWildcard.None)
                            .allowPartialSearchResults(false)
                            // The same shard copies for a tenant's every search, so replicas that
                            // differ in not yet merged deletes never change its scores.
                            .preference(tenant.name())
                            .query(q -> q.bool(b -> b.should(clauses)))
                            .size(topK)
                            .trackScores(true)
                            .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                            .sort(o -> o.field(f -> f.field(DOC_ID).order(SortOrder.Asc)))
                            .source(src -> src.filter(f -> f.includes(SOURCE_FIELDS))),
                    StoredDocument.class));
    if (response.timedOut()
        || response.shards().failed() > 0
        || response.shards().successful() < response.shards().total()) {
      throw new StoreUnavailableException(Category.STATUS, "search");
    }
    List<SearchableCorpus.Result> results = new ArrayList<>();
    for (Hit<StoredDocument> hit : response.hits().hits()) {
      if (hit.source() == null || hit.score() == null) {
        throw new StoreUnavailableException(Category.PROTOCOL, "search");
      }
      Document doc = hit.source().toDocument();
      results.add(
          new SearchableCorpus.Result(
              doc, hit.score().floatValue(), Snippets.snippet(doc.body(), terms, analyzer)));
    }
    return List.copyOf(results);
  }

  @Override
  public OptionalLong size() {
    return call(
        "count",
        () -> {
          try {
            return OptionalLong.of(
                client
                    .count(
                        c ->
                            c.index(names.registry())
                                .query(
                                    q -> q.term(t -> t.field("kind").value(FieldValue.of("doc")))))
                    .count());
          } catch (OpenSearchException e) {
            if (e.status() == 404) {
              return OptionalLong.of(0); // no registry yet: nothing was ever written
            }
            throw e;
          }
        });
  }

  @Override
  public void close() {
    analyzer.close();
    try {
      transport.close();
    } catch (IOException e) {
      // Closing a connection pool on the way out: nothing left to protect.
    }
  }

  // ---- ids and quota ---------------------------------------------------------------------------

  private static String idEntry(TenantScope tenant, String docId) {
    // ':' is in neither a tenant nor a doc id, so the entry id is unique per (tenant, doc id).
    return "doc:" + tenant.name() + ":" + docId;
  }

  private static String countEntry(TenantScope tenant) {
    return "count:" + tenant.name();
  }

  /** True when this call reserved the id; false when the tenant already has it. */
  private boolean reserveId(TenantScope tenant, String docId) throws IOException {
    try {
      client.create(
          c ->
              c.index(names.registry())
                  .id(idEntry(tenant, docId))
                  .document(new RegistryEntry("doc", tenant.name(), null)));
      return true;
    } catch (IOException | OpenSearchException e) {
      if (status(e) == 409) {
        return false;
      }
      throw e;
    }
  }

  private void releaseId(TenantScope tenant, String docId) throws IOException {
    client.delete(d -> d.index(names.registry()).id(idEntry(tenant, docId)));
  }

  /**
   * Adds {@code delta} to the tenant's document count by compare-and-set, never above the quota nor
   * below zero. False when an increment would pass the quota.
   */
  private boolean changeCount(TenantScope tenant, int delta) throws IOException {
    String id = countEntry(tenant);
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      GetResponse<RegistryEntry> current =
          client.get(g -> g.index(names.registry()).id(id), RegistryEntry.class);
      try {
        if (!current.found()) {
          if (delta < 0) {
            return true; // nothing counted, nothing to release
          }
          if (maxDocumentsPerTenant < 1) {
            return false;
          }
          client.create(
              c ->
                  c.index(names.registry())
                      .id(id)
                      .document(new RegistryEntry("count", tenant.name(), 1L)));
          return true;
        }
        long count = current.source() == null ? 0 : current.source().count();
        long next = Math.max(0, count + delta);
        if (delta > 0 && next > maxDocumentsPerTenant) {
          return false;
        }
        client.index(
            i ->
                i.index(names.registry())
                    .id(id)
                    .document(new RegistryEntry("count", tenant.name(), next))
                    .ifSeqNo(current.seqNo())
                    .ifPrimaryTerm(current.primaryTerm()));
        return true;
      } catch (IOException | OpenSearchException e) {
        if (status(e) != 409) {
          throw e;
        }
        backOff(attempt); // another writer changed the count first: read it again
      }
    }
    throw new StoreUnavailableException(Category.STATUS, "quota");
  }

  private void undo(TenantScope tenant, String docId, boolean counted) {
    try {
      if (counted) {
        changeCount(tenant, -1);
      }
      releaseId(tenant, docId);
    } catch (IOException | RuntimeException e) {
      // The store is failing already; the add answers 503. A reservation left behind makes a
      // later POST of the same id a 409 until an operator removes it (README, "Stores").
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(Category.TIMEOUT, "quota");
    }
  }

  // ---- indices ---------------------------------------------------------------------------------

  private void ensureRegistry() throws IOException {
    if (existing.contains(names.registry())) {
      return;
    }
    create(
        names.registry(),
        m ->
            m.dynamic(DynamicMapping.Strict)
                .properties("kind", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("count", p -> p.long_(l -> l)));
  }

  private void ensureIndex(String index) throws IOException {
    if (existing.contains(index)) {
      return;
    }
    create(
        index,
        m ->
            m.dynamic(DynamicMapping.Strict)
                .properties(DOC_ID, p -> p.keyword(k -> k))
                .properties("title", p -> p.text(t -> t.analyzer("english")))
                .properties("body", p -> p.text(t -> t.analyzer("english")))
                .properties("classification", p -> p.keyword(k -> k.index(false))));
  }

  private void create(
      String index, Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> mapping)
      throws IOException {
    try {
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .settings(
                          s ->
                              s.numberOfShards(settings.shards())
                                  .numberOfReplicas(settings.replicas()))
                      .mappings(mapping));
    } catch (OpenSearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
    existing.add(index);
  }

  // ---- failures --------------------------------------------------------------------------------

  @FunctionalInterface
  private interface StoreCall<T> {
    T run() throws IOException;
  }

  /**
   * Runs one store operation; any failure of the cluster or the client becomes a {@link
   * StoreUnavailableException} with a category, and nothing of the library's message survives.
   */
  private static <T> T call(String operation, StoreCall<T> body) {
    try {
      return body.run();
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (OpenSearchException e) {
      throw new StoreUnavailableException(Category.STATUS, operation);
    } catch (IOException | RuntimeException e) {
      throw new StoreUnavailableException(categoryOf(e), operation);
    }
  }

  /**
   * The HTTP status of the cluster's answer behind a failure, or -1. The client raises statuses it
   * has a type for (400, 404, ...) as {@link OpenSearchException}, others (409, 5xx) as the
   * transport's {@link ResponseException}.
   */
  private static int status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OpenSearchException e) {
        return e.status();
      }
      if (t instanceof ResponseException e) {
        return e.status();
      }
    }
    return -1;
  }

  private static Category categoryOf(Throwable failure) {
    if (status(failure) > 0) {
      return Category.STATUS;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return Category.CONNECT;
      }
      if (t instanceof SocketTimeoutException
          || t instanceof TimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return Category.TIMEOUT;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Category.PROTOCOL;
  }
}
