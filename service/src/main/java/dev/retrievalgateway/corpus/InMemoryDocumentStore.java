package dev.retrievalgateway.corpus;

import dev.retrievalgateway.identity.TenantScope;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DocumentStore} in the heap of one process: ephemeral by design (the demo). Thread-safe:
 * reads and removes are lock-free; an add holds its tenant's lock so that the quota check, the
 * conflict check, the budget check and the insert are one atomic step (two concurrent adds can
 * never both take the last free place).
 *
 * <p>Besides each tenant's quota, the store keeps a {@link Budget} for all tenants together: how
 * many tenants, documents and bytes it holds. It refuses an add with {@link AddResult#STORE_FULL}
 * before the heap is at risk, because an {@code OutOfMemoryError} would lose every tenant's
 * documents (and break a Lucene writer for good). A tenant is counted from its first stored
 * document on, and stays counted when its documents are removed: its search indexes stay too.
 *
 * <pre>{@code
 * var store = new InMemoryDocumentStore(10_000, InMemoryDocumentStore.Budget.forHeap(Runtime.getRuntime().maxMemory()));
 * }</pre>
 */
public final class InMemoryDocumentStore implements DocumentStore {
  private final int maxDocumentsPerTenant;
  private final Budget budget;
  private final ConcurrentMap<TenantScope, ConcurrentMap<String, Document>> tenants =
      new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger tenantCount = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  /**
   * The store's limits across all tenants.
   *
   * <p>The defaults come from heap figures measured with {@code make bench-memory}
   * (CorpusMemoryBench: a real gateway, store and Lucene indexes together, each tenant searched
   * after its writes; JDK 25, G1, -Xmx1g): a tenant whose four classification indexes hold one
   * small document each costs about 132 KB; a document of 1,000 characters about 5.6 KB, one of
   * 100,000 characters about 327 KB, that is about 2.4 KB plus 3.25 heap bytes per UTF-8 byte of
   * text (the offsets that give snippet anchors are most of the rise from an earlier 1.1 KB plus
   * 1.85; as postings they cost 3.25 where term vectors cost 2.83, and save a top-50 query over
   * long bodies four fifths of its time). The constants below round these up. Writes that no search
   * has refreshed yet cost more while they sit in Lucene's indexing buffers (up to 16 MB per tenant
   * and classification); the budget does not bound that state. Each of the three limits alone may
   * use {@value #SHARE_PERCENT}% of the heap, so the store stays under {@value #SHARE_PERCENT_ALL}%
   * with all three at their limit, leaving the rest for requests (up to 1 MiB each), Lucene's
   * indexing buffers and merges, and the JVM. With {@code -Xmx200m}: about 290 tenants, 13,900
   * documents and 10 MB of text.
   *
   * @param tenants the most tenants that may hold documents
   * @param documents the most documents of all tenants together
   * @param bytes the most UTF-8 bytes of ids, titles and bodies of all tenants together
   */
  public record Budget(int tenants, long documents, long bytes) {
    static final long TENANT_HEAP_BYTES = 140_000;
    static final long DOCUMENT_HEAP_BYTES = 3_000;
    static final long HEAP_BYTES_PER_TEXT_BYTE = 4;
    static final int SHARE_PERCENT = 20;
    static final int SHARE_PERCENT_ALL = 3 * SHARE_PERCENT;

    /** No limit at all: for tests and tools that measure the store itself. */
    public static final Budget UNLIMITED =
        new Budget(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public Budget {
      if (tenants < 1 || documents < 1 || bytes < 1) {
        throw new IllegalArgumentException("every limit of a budget must be at least 1");
      }
    }

    /** The default budget for a heap of {@code maxHeapBytes} ({@link Runtime#maxMemory()}). */
    public static Budget forHeap(long maxHeapBytes) {
      long share = maxHeapBytes / 100 * SHARE_PERCENT;
      return new Budget(
          (int) Math.clamp(share / TENANT_HEAP_BYTES, 1, Integer.MAX_VALUE),
          Math.max(1, share / DOCUMENT_HEAP_BYTES),
          Math.max(1, share / HEAP_BYTES_PER_TEXT_BYTE));
    }
  }

  /**
   * A store with the quota and no budget across tenants.
   *
   * @param maxDocumentsPerTenant the quota of every tenant, at least 0
   */
  public InMemoryDocumentStore(int maxDocumentsPerTenant) {
    this(maxDocumentsPerTenant, Budget.UNLIMITED);
  }

  /**
   * @param maxDocumentsPerTenant the quota of every tenant, at least 0
   * @param budget the limits of all tenants together
   */
  public InMemoryDocumentStore(int maxDocumentsPerTenant, Budget budget) {
    if (maxDocumentsPerTenant < 0) {
      throw new IllegalArgumentException("maxDocumentsPerTenant must not be negative");
    }
    this.maxDocumentsPerTenant = maxDocumentsPerTenant;
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  @Override
  public AddResult add(TenantScope tenant, Document doc) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(doc, "doc");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    if (docs == null) {
      // Only an add may create a tenant, and only within the budget: a refused add of a new
      // tenant leaves nothing behind.
      docs =
          tenants.computeIfAbsent(
              tenant, t -> takeTenantPlace() ? new ConcurrentHashMap<>() : null);
      if (docs == null) {
        return AddResult.STORE_FULL;
      }
    }
    // Removes need no lock: they only lower the counts, which cannot break a check made here.
    synchronized (docs) {
      if (docs.containsKey(doc.docId())) {
        return AddResult.CONFLICT;
      }
      if (docs.size() >= maxDocumentsPerTenant) {
        return AddResult.QUOTA_EXCEEDED;
      }
      long cost = textBytes(doc);
      if (!take(bytes, cost, budget.bytes())) {
        return AddResult.STORE_FULL;
      }
      if (!takeDocumentPlace()) {
        bytes.addAndGet(-cost);
        return AddResult.STORE_FULL;
      }
      docs.put(doc.docId(), doc);
      return AddResult.ADDED;
    }
  }

  @Override
  public Optional<Document> get(TenantScope tenant, String docId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    return docs == null ? Optional.empty() : Optional.ofNullable(docs.get(docId));
  }

  @Override
  public Optional<Document> remove(TenantScope tenant, String docId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(docId, "docId");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    if (docs == null) {
      return Optional.empty();
    }
    Document removed = docs.remove(docId);
    if (removed != null) {
      size.decrementAndGet();
      bytes.addAndGet(-textBytes(removed));
    }
    return Optional.ofNullable(removed);
  }

  @Override
  public int count(TenantScope tenant) {
    Objects.requireNonNull(tenant, "tenant");
    ConcurrentMap<String, Document> docs = tenants.get(tenant);
    return docs == null ? 0 : docs.size();
  }

  @Override
  public int size() {
    return size.get();
  }

  /** The number of tenants that hold, or held, documents. */
  public int tenants() {
    return tenantCount.get();
  }

  /** The UTF-8 bytes of ids, titles and bodies of all tenants together. */
  public long bytes() {
    return bytes.get();
  }

  private boolean takeTenantPlace() {
    int before = tenantCount.getAndUpdate(n -> n < budget.tenants() ? n + 1 : n);
    return before < budget.tenants();
  }

  private boolean takeDocumentPlace() {
    int before = size.getAndUpdate(n -> n < budget.documents() ? n + 1 : n);
    return before < budget.documents();
  }

  /** Adds {@code amount} to {@code counter} unless that would pass {@code limit}. */
  private static boolean take(AtomicLong counter, long amount, long limit) {
    long before = counter.getAndUpdate(n -> n <= limit - amount ? n + amount : n);
    return before <= limit - amount;
  }

  /** The UTF-8 length of the document's id, title and body, without encoding them. */
  static long textBytes(Document doc) {
    return utf8Length(doc.docId()) + utf8Length(doc.title()) + utf8Length(doc.body());
  }

  // By hand because the JDK has no length-only UTF-8 count, and encoding a 100,000-character body
  // on every add and remove just to count it would allocate as much again. An unpaired surrogate
  // (which RequestBody refuses) counts as the 3-byte replacement it would be encoded to.
  private static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
