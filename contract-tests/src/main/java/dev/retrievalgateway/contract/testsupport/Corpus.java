package dev.retrievalgateway.contract.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retrievalgateway.testkit.Json;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Documents this run writes through the API, deleted through the API when the test (or, when asked
 * for in a {@code @BeforeAll}, the class) is done: the suite never relies on the demo corpus and
 * leaves a shared deployment as it found it.
 */
public final class Corpus implements AutoCloseable {
  private final Api api;
  private final List<Created> created = Collections.synchronizedList(new ArrayList<>());

  private record Created(Principal writer, String docId) {}

  Corpus(Api api) {
    this.api = api;
  }

  /** Writes a document with a fresh id into the writer's tenant; returns its id. */
  public String add(Principal writer, Classification classification, String title, String body) {
    return add(writer, api.target().newDocId(), classification, title, body);
  }

  /** Writes a document with the given id into the writer's tenant; returns its id. */
  public String add(
      Principal writer, String docId, Classification classification, String title, String body) {
    Response response = write(writer, docId, classification, title, body);
    assertEquals(201, response.statusCode(), "writing a fixture document as " + writer);
    return docId;
  }

  /**
   * Posts a document with the given id into the writer's tenant and returns the answer, whatever it
   * is, for a test of the write itself; the id is tracked, so a document it made is deleted.
   */
  public Response write(
      Principal writer, String docId, Classification classification, String title, String body) {
    created.add(new Created(writer, docId));
    return api.postJson(
        writer,
        "/documents",
        Json.object(
            "doc_id", docId,
            "title", title,
            "body", body,
            "classification", classification.wireName()));
  }

  /** Records a document a test wrote itself, so that it is deleted too. */
  public void track(Principal writer, String docId) {
    created.add(new Created(writer, docId));
  }

  @Override
  public void close() {
    List<Created> all = new ArrayList<>(created);
    Collections.reverse(all);
    for (Created doc : all) {
      int status = delete(doc);
      if (status != 204 && status != 404) {
        throw new AssertionError("could not delete fixture document (status " + status + ")");
      }
    }
    created.clear();
  }

  /** Deletes one document, waiting out a throttled writer (a test may have used up its burst). */
  private int delete(Created doc) {
    Response response = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      response = api.as(doc.writer()).delete("/documents/{id}", doc.docId());
      if (response.statusCode() != 429) {
        break;
      }
      long seconds = Math.min(5, Long.parseLong(response.header("Retry-After")));
      try {
        Thread.sleep(seconds * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return response.statusCode();
  }
}
