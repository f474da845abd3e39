package dev.retrievalgateway.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testsupport.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("claim:store-memory")
class InMemoryDocumentStoreTest {
  private static final TenantScope TENANT_A = TenantScope.of("tenant-a");
  private static final TenantScope TENANT_B = TenantScope.of("tenant-b");

  private static Document doc(String id) {
    return new Document(id, "title " + id, "body " + id, Classification.PUBLIC);
  }

  /** A store of this per-tenant quota in which tenant-a holds {@code doc("d1")}. */
  private static InMemoryDocumentStore holdingD1OfTenantA(int quota) {
    InMemoryDocumentStore store = new InMemoryDocumentStore(quota);
    store.add(TENANT_A, doc("d1"));
    return store;
  }

  @Test
  void addsAndGetsADocumentOfATenant() {
    InMemoryDocumentStore store = new InMemoryDocumentStore(10);

    AddResult result = store.add(TENANT_A, doc("d1"));

    assertEquals(AddResult.ADDED, result);
    assertEquals(Optional.of(doc("d1")), store.get(TENANT_A, "d1"));
    assertEquals(1, store.count(TENANT_A));
    assertEquals(1, store.size());
  }

  @Test
  void returnsConflictForAnIdThatExistsInTheTenantAndKeepsTheFirstDocument() {
    InMemoryDocumentStore store = holdingD1OfTenantA(10);
    Document other = new Document("d1", "other", "other", Classification.RESTRICTED);

    AddResult result = store.add(TENANT_A, other);

    assertEquals(AddResult.CONFLICT, result);
    assertEquals(Optional.of(doc("d1")), store.get(TENANT_A, "d1"));
    assertEquals(1, store.size());
  }

  @Test
  @Tag("claim:tenant-isolation")
  void treatsTheSameIdInTwoTenantsAsTwoDocuments() {
    InMemoryDocumentStore store = holdingD1OfTenantA(10);

    AddResult result = store.add(TENANT_B, doc("d1"));

    assertEquals(AddResult.ADDED, result);
    assertEquals(1, store.count(TENANT_A));
    assertEquals(1, store.count(TENANT_B));
    assertEquals(2, store.size());
  }

  @Test
  @Tag("claim:tenant-isolation")
  void neverReturnsAnotherTenantsDocument() {
    InMemoryDocumentStore store = holdingD1OfTenantA(10);

    Optional<Document> found = store.get(TENANT_B, "d1");

    assertTrue(found.isEmpty());
  }

  @Test
  @Tag("claim:limits")
  void returnsQuotaExceededWhenTheTenantIsFullButOtherTenantsMayStillAdd() {
    InMemoryDocumentStore store = new InMemoryDocumentStore(2);
    store.add(TENANT_A, doc("d1"));
    store.add(TENANT_A, doc("d2"));

    AddResult full = store.add(TENANT_A, doc("d3"));
    AddResult otherTenant = store.add(TENANT_B, doc("d3"));

    assertEquals(AddResult.QUOTA_EXCEEDED, full);
    assertTrue(store.get(TENANT_A, "d3").isEmpty());
    assertEquals(AddResult.ADDED, otherTenant);
  }

  @Test
  void reportsConflictRatherThanQuotaForAnExistingIdInAFullTenant() {
    InMemoryDocumentStore store = holdingD1OfTenantA(1);

    AddResult result = store.add(TENANT_A, doc("d1"));

    assertEquals(AddResult.CONFLICT, result);
  }

  @Test
  void removeReturnsTheRemovedDocumentAndFreesItsPlaceInTheQuota() {
    InMemoryDocumentStore store = holdingD1OfTenantA(1);

    Optional<Document> removed = store.remove(TENANT_A, "d1");
    AddResult next = store.add(TENANT_A, doc("d2"));

    assertEquals(Optional.of(doc("d1")), removed);
    assertTrue(store.get(TENANT_A, "d1").isEmpty());
    assertEquals(AddResult.ADDED, next);
    assertEquals(1, store.size());
  }

  @Test
  void removeOfAnAbsentDocumentOrOfAnotherTenantsDocumentRemovesNothing() {
    InMemoryDocumentStore store = holdingD1OfTenantA(10);

    Optional<Document> absent = store.remove(TENANT_A, "nope");
    Optional<Document> otherTenant = store.remove(TENANT_B, "d1");

    assertTrue(absent.isEmpty());
    assertTrue(otherTenant.isEmpty());
    assertEquals(1, store.count(TENANT_A));
    assertEquals(1, store.size());
  }

  @Test
  void countsZeroForATenantThatNeverAddedAnything() {
    InMemoryDocumentStore store = new InMemoryDocumentStore(10);

    assertEquals(0, store.count(TENANT_A));
    assertEquals(0, store.size());
  }

  @Test
  void refusesANegativeQuota() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryDocumentStore(-1));
  }

  @Test
  @Tag("claim:limits")
  void concurrentAddsNeverExceedTheQuota() throws Exception {
    int quota = 100;
    InMemoryDocumentStore store = new InMemoryDocumentStore(quota);
    List<Callable<AddResult>> adds = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String id = "d" + i;
      adds.add(() -> store.add(TENANT_A, doc(id)));
    }

    List<AddResult> results = Concurrently.runAll(16, adds);

    assertEquals(quota, results.stream().filter(r -> r == AddResult.ADDED).count());
    assertEquals(quota, store.count(TENANT_A));
    assertEquals(quota, store.size());
  }

  @Test
  void concurrentAddsOfOneIdAddItExactlyOnce() throws Exception {
    InMemoryDocumentStore store = new InMemoryDocumentStore(10);
    List<Callable<AddResult>> adds = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      adds.add(() -> store.add(TENANT_A, doc("same")));
    }

    List<AddResult> results = Concurrently.runAll(16, adds);

    assertEquals(1, results.stream().filter(r -> r == AddResult.ADDED).count());
    assertEquals(499, results.stream().filter(r -> r == AddResult.CONFLICT).count());
    assertEquals(1, store.size());
  }

  @Test
  void concurrentAddsAndRemovesKeepCountAndSizeConsistent() throws Exception {
    InMemoryDocumentStore store = new InMemoryDocumentStore(10_000);
    List<Callable<AddResult>> work = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String id = "d" + i;
      TenantScope tenant = i % 2 == 0 ? TENANT_A : TENANT_B;
      work.add(
          () -> {
            AddResult r = store.add(tenant, doc(id));
            if (id.endsWith("0")) {
              store.remove(tenant, id);
            }
            return r;
          });
    }

    Concurrently.runAll(16, work);

    assertEquals(900, store.size());
    assertEquals(store.size(), store.count(TENANT_A) + store.count(TENANT_B));
    assertFalse(store.get(TENANT_A, "d10").isPresent());
  }
}
