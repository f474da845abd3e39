package dev.retrievalgateway.corpus;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.corpus.InMemoryDocumentStore.Budget;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testsupport.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The store's budget across all tenants: tenants, documents and bytes, each refused past it. */
class InMemoryDocumentStoreBudgetTest {
  private static final int QUOTA = 1_000;

  private static TenantScope tenant(int i) {
    return TenantScope.of("tenant-" + i);
  }

  private static Document doc(String id, String body) {
    return new Document(id, "t", body, Classification.PUBLIC);
  }

  /** A store on {@code budget} in which tenants 1 and 2 hold a document {@code a} each. */
  private static InMemoryDocumentStore tenantsOneAndTwoHoldingA(Budget budget) {
    InMemoryDocumentStore store = new InMemoryDocumentStore(QUOTA, budget);
    store.add(tenant(1), doc("a", "b"));
    store.add(tenant(2), doc("a", "b"));
    return store;
  }

  @Test
  void refusesANewTenantPastTheTenantLimitAndKeepsServingTheOthers() {
    InMemoryDocumentStore store = tenantsOneAndTwoHoldingA(new Budget(2, 100, 10_000));

    AddResult third = store.add(tenant(3), doc("a", "b"));
    AddResult existing = store.add(tenant(1), doc("c", "b"));

    assertAll(
        () -> assertEquals(AddResult.STORE_FULL, third),
        () -> assertEquals(AddResult.ADDED, existing),
        () -> assertEquals(2, store.tenants()),
        () -> assertEquals(0, store.count(tenant(3))));
  }

  @Test
  void refusesADocumentPastTheDocumentLimitAcrossTenantsUntilOneIsRemoved() {
    InMemoryDocumentStore store = tenantsOneAndTwoHoldingA(new Budget(10, 2, 10_000));

    AddResult full = store.add(tenant(3), doc("a", "b"));
    store.remove(tenant(1), "a");
    AddResult afterRemove = store.add(tenant(3), doc("a", "b"));

    assertAll(
        () -> assertEquals(AddResult.STORE_FULL, full),
        () -> assertEquals(AddResult.ADDED, afterRemove),
        () -> assertEquals(2, store.size()));
  }

  @Test
  void refusesADocumentWhoseTextWouldPassTheByteLimitUntilRoomIsFreed() {
    // id "a" + title "t" + body: 2 bytes plus the body's UTF-8 length.
    InMemoryDocumentStore store = new InMemoryDocumentStore(QUOTA, new Budget(10, 100, 100));
    store.add(tenant(1), doc("a", "x".repeat(58)));

    AddResult tooBig = store.add(tenant(1), doc("b", "x".repeat(41)));
    AddResult fits = store.add(tenant(1), doc("b", "x".repeat(38)));
    store.remove(tenant(1), "a");
    AddResult afterRemove = store.add(tenant(1), doc("c", "x".repeat(58)));

    assertAll(
        () -> assertEquals(AddResult.STORE_FULL, tooBig, "41 more bytes than fit"),
        () -> assertEquals(AddResult.ADDED, fits, "exactly the bytes left"),
        () -> assertEquals(AddResult.ADDED, afterRemove, "after a remove"),
        () -> assertEquals(100, store.bytes()));
  }

  @Test
  void countsTextAsUtf8Bytes() {
    Document doc = new Document("é", "€", "😀a", Classification.PUBLIC);

    assertEquals(2 + 3 + 4 + 1, InMemoryDocumentStore.textBytes(doc));
  }

  @Test
  void neverLetsConcurrentAddsOfManyTenantsPassAnyLimit() throws Exception {
    InMemoryDocumentStore store = new InMemoryDocumentStore(QUOTA, new Budget(50, 300, 1_000_000));
    List<Callable<AddResult>> adds = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      adds.add(() -> store.add(tenant(n % 100), doc("d" + n, "body")));
    }

    List<AddResult> results = Concurrently.runAll(8, adds);

    long added = results.stream().filter(r -> r == AddResult.ADDED).count();
    assertAll(
        () -> assertEquals(300, added, "documents added"),
        () -> assertEquals(300, store.size()),
        () -> assertTrue(store.tenants() <= 50, "tenants: " + store.tenants()));
  }

  @Test
  void derivesEachDefaultLimitFromAFifthOfTheHeap() {
    long heap = 1L << 30;

    Budget budget = Budget.forHeap(heap);

    long share = heap / 100 * 20;
    assertAll(
        () -> assertEquals(share / 140_000, budget.tenants(), "tenants"),
        () -> assertEquals(share / 3_000, budget.documents(), "documents"),
        () -> assertEquals(share / 4, budget.bytes(), "bytes"));
  }
}
