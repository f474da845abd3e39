package dev.retrievalgateway.testkit.properties;

import dev.retrievalgateway.corpus.Document;

/**
 * One operation of a stateful run, by the principal at index {@code who} of the run's cast: what a
 * client of the gateway can do.
 */
public sealed interface Step {
  int who();

  record Ingest(int who, Document document) implements Step {
    @Override
    public String toString() {
      return "#"
          + who
          + " ingests "
          + document
          + " \""
          + document.title()
          + "\": \""
          + document.body()
          + "\"";
    }
  }

  record Delete(int who, String docId) implements Step {
    @Override
    public String toString() {
      return "#" + who + " deletes " + docId;
    }
  }

  record Get(int who, String docId) implements Step {
    @Override
    public String toString() {
      return "#" + who + " gets " + docId;
    }
  }

  record Query(int who, String text, int topK) implements Step {
    @Override
    public String toString() {
      return "#" + who + " queries \"" + text + "\" top " + topK;
    }
  }
}
