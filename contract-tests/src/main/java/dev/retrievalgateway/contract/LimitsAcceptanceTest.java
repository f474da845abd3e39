package dev.retrievalgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrievalgateway.contract.testsupport.Api;
import dev.retrievalgateway.contract.testsupport.Classification;
import dev.retrievalgateway.contract.testsupport.ContractExtension;
import dev.retrievalgateway.contract.testsupport.ContractTarget.Limits;
import dev.retrievalgateway.contract.testsupport.Corpus;
import dev.retrievalgateway.contract.testsupport.Expect;
import dev.retrievalgateway.contract.testsupport.Principal;
import dev.retrievalgateway.contract.testsupport.Role;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throttling and the document quota, on a target configured with low limits (the in-process default
 * starts one; elsewhere {@code contract.limits.*} names it, and these tests are skipped without
 * it). Request loops are bounded: a few times the configured burst.
 */
@ExtendWith(ContractExtension.class)
class LimitsAcceptanceTest {
  /** Requests past the burst within which a 429 must come, however slow the link. */
  private static final int SLACK = 20;

  @Test
  @Tag("claim:throttling")
  void throttlesAPrincipalPastItsBurstWithRetryAfter(Api api) {
    Api limited = limitedApi(api);
    int burst = burst(api);
    Principal intern =
        api.principal("throttle-" + api.target().runId(), api.target().tenantA(), Role.INTERN);
    Principal other =
        api.principal(
            "throttle-other-" + api.target().runId(), api.target().tenantA(), Role.INTERN);

    List<Integer> statuses = new ArrayList<>();
    Response throttled = null;
    for (int i = 0; i < burst + SLACK && throttled == null; i++) {
      Response response = limited.as(intern).get("/whoami");
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        throttled = response;
      }
    }
    Response otherPrincipal = limited.as(other).get("/whoami");

    assertTrue(throttled != null, "a 429 within " + (burst + SLACK) + " requests: " + statuses);
    assertTrue(
        statuses.subList(0, burst).stream().allMatch(s -> s == 200),
        "the burst is served: " + statuses);
    Expect.error(throttled, 429, "too_many_requests");
    assertTrue(
        Integer.parseInt(throttled.header("Retry-After")) >= 1, "Retry-After in whole seconds");
    assertEquals(200, otherPrincipal.statusCode(), "another principal has its own bucket");
  }

  @Test
  @Tag("claim:throttling")
  void throttlesRequestsWithoutAValidIdentityBeforeAnsweringUnauthenticated(Api api) {
    Api limited = limitedApi(api);
    int burst = burst(api);

    List<Integer> statuses = new ArrayList<>();
    Response throttled = null;
    for (int i = 0; i < burst + SLACK && throttled == null; i++) {
      Response response = limited.anonymous().get("/whoami");
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        throttled = response;
      }
    }

    assertTrue(throttled != null, "a 429 within " + (burst + SLACK) + " requests: " + statuses);
    assertTrue(
        statuses.stream().allMatch(s -> s == 401 || s == 429), "401 until throttled: " + statuses);
    Expect.error(throttled, 429, "too_many_requests");
    assertTrue(
        Integer.parseInt(throttled.header("Retry-After")) >= 1, "Retry-After in whole seconds");
  }

  @Test
  @Tag("claim:limits")
  void refusesAWriteBeyondTheTenantsQuota(Api api) {
    Api limited = limitedApi(api);
    int quota = limits(api).maxDocuments().orElse(-1);
    assumeTrue(quota >= 0 && quota <= 20, "the limited target has a small document quota");
    // A tenant of its own, so that the quota counts only this test's documents.
    String tenant = "ct-" + api.target().runId() + "-quota";
    Principal admin = new Principal("ct-quota-admin", tenant, Role.ADMIN);

    try (Corpus corpus = limited.corpus()) {
      for (int i = 0; i < quota; i++) {
        corpus.add(admin, Classification.PUBLIC, "Doc " + i, "Counts toward the quota.");
      }

      Response over =
          corpus.write(
              admin, api.target().newDocId(), Classification.PUBLIC, "One more", "Over the quota.");

      Expect.error(over, 403, "quota_exceeded");
      Principal other = new Principal("ct-quota-admin", tenant + "-other", Role.ADMIN);
      corpus.add(other, Classification.PUBLIC, "Another tenant", "Has a quota of its own.");
    }
  }

  private static Limits limits(Api api) {
    assumeTrue(api.target().limits().isPresent(), "the target names a gateway with low limits");
    return api.target().limits().orElseThrow();
  }

  private static int burst(Api api) {
    assumeTrue(limits(api).throttleBurst().isPresent(), "the limited target's burst is known");
    return limits(api).throttleBurst().getAsInt();
  }

  private static Api limitedApi(Api api) {
    Limits limits = limits(api);
    assumeTrue(
        limits.throttleBurst().isPresent() || limits.maxDocuments().isPresent(), "limits given");
    return api.limited().orElseThrow();
  }
}
