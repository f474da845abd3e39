package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A searcher's kept term weights answer exactly as a term query built for the search would: the
 * kept one serves only its own searcher, at boost 1, in the score mode it was built for; anything
 * else gets a weight of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchersTest {
  private static final Term TERM = new Term("body", "audit");

  private final List<DirectoryReader> readers = new ArrayList<>();
  private Searchers.Searcher first;
  private Searchers.Searcher second;

  @BeforeAll
  void index() throws IOException {
    // Two corpora with different statistics for the term, in two segments each: a weight of one
    // scores the other's documents wrongly, or not at all.
    first = Searchers.Searcher.over(List.of(reader(new String[][] {{"audit audit", "x"}, {"y"}})));
    second =
        Searchers.Searcher.over(
            List.of(reader(new String[][] {{"audit z", "z z", "audit"}, {"audit audit audit"}})));
  }

  @AfterAll
  void close() throws IOException {
    for (DirectoryReader reader : readers) {
      reader.close();
    }
  }

  @Test
  void keepsTheWeightForItsOwnSearcherAndScoreMode() throws IOException {
    TermQuery query = first.termQuery(TERM);
    Weight weight = query.createWeight(first.searcher(), ScoreMode.COMPLETE, 1f);
    assertSame(
        weight, first.termQuery(TERM).createWeight(first.searcher(), ScoreMode.COMPLETE, 1f));
  }

  @Test
  void scoresAnotherSearchersDocumentsWithThatSearchersStatistics() throws IOException {
    first.termQuery(TERM).createWeight(first.searcher(), ScoreMode.COMPLETE, 1f);
    assertSameHits(
        search(second.searcher(), new TermQuery(TERM)),
        search(second.searcher(), first.termQuery(TERM)));
  }

  @Test
  void aBoostedQueryIsScoredWithItsBoost() throws IOException {
    first.termQuery(TERM).createWeight(first.searcher(), ScoreMode.COMPLETE, 1f);
    assertSameHits(
        scores(first.searcher(), new TermQuery(TERM), 2.5f),
        scores(first.searcher(), first.termQuery(TERM), 2.5f));
  }

  @Test
  void aWeightWithoutScoresIsNeverUsedToScore() throws IOException {
    // Lucene builds a weight that does not need scores from placeholder statistics.
    Searchers.Searcher fresh = Searchers.Searcher.over(List.of(readers.get(1)));
    fresh.termQuery(TERM).createWeight(fresh.searcher(), ScoreMode.COMPLETE_NO_SCORES, 1f);
    assertSameHits(
        search(fresh.searcher(), new TermQuery(TERM)),
        search(fresh.searcher(), fresh.termQuery(TERM)));
  }

  private DirectoryReader reader(String[][] segments) throws IOException {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer =
        new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (String[] segment : segments) {
        for (String body : segment) {
          Document document = new Document();
          document.add(new TextField("body", body, Field.Store.NO));
          writer.addDocument(document);
        }
        writer.commit();
      }
    }
    DirectoryReader reader = DirectoryReader.open(directory);
    readers.add(reader);
    return reader;
  }

  private static float[] search(IndexSearcher searcher, Query query) throws IOException {
    TopDocs top = searcher.search(query, 10);
    float[] hits = new float[top.scoreDocs.length * 2];
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc hit = top.scoreDocs[i];
      hits[2 * i] = hit.doc;
      hits[2 * i + 1] = hit.score;
    }
    return hits;
  }

  private static float[] scores(IndexSearcher searcher, Query query, float boost)
      throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, boost);
    List<Float> scores = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      DocIdSetIterator docs = scorer.iterator();
      while (docs.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
        scores.add((float) (leaf.docBase + docs.docID()));
        scores.add(scorer.score());
      }
    }
    float[] hits = new float[scores.size()];
    for (int i = 0; i < hits.length; i++) {
      hits[i] = scores.get(i);
    }
    return hits;
  }

  private static void assertSameHits(float[] expected, float[] actual) {
    assertArrayEquals(expected, actual, 0f, "documents and score bits");
  }
}
