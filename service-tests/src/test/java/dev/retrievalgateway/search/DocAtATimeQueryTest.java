package dev.retrievalgateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DocAtATimeQuery} finds what the query it wraps finds, in the same order and with the same
 * score bits, on segments smaller than its window (scored document at a time) and larger (left to
 * Lucene's bulk scorer): it changes how a search runs, never its answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocAtATimeQueryTest {
  private static final String[] WORDS = {
    "revenue", "forecast", "quarterly", "incident", "payroll", "audit", "merger", "vendor",
    "roadmap", "onboarding", "security", "contract", "platform", "status", "budget", "review"
  };
  private static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField("id", SortField.Type.STRING));

  private final List<DirectoryReader> readers = new ArrayList<>();
  private IndexSearcher small;
  private IndexSearcher large;

  @BeforeAll
  void index() throws IOException {
    small = searcher(DocAtATimeQuery.WINDOW_DOCS / 16, 1);
    large = searcher(DocAtATimeQuery.WINDOW_DOCS + 500, 2);
  }

  @AfterAll
  void close() throws IOException {
    for (DirectoryReader reader : readers) {
      reader.close();
    }
  }

  static Stream<String> queries() {
    Random random = new Random(20261203);
    return IntStream.range(0, 40)
        .mapToObj(
            i ->
                String.join(
                    " ",
                    IntStream.range(0, 1 + random.nextInt(4))
                        .mapToObj(w -> WORDS[random.nextInt(WORDS.length)])
                        .toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void findsTheSameHitsWithTheSameScoreBitsAsTheQueryItWraps(String words) throws IOException {
    Query query = disjunction(words);
    for (IndexSearcher searcher : List.of(small, large)) {
      int docs = searcher.getIndexReader().maxDoc();
      assertEquals(
          hits(searcher, query), hits(searcher, new DocAtATimeQuery(query)), docs + " documents");
    }
  }

  @Test
  void aRewrittenQueryIsStillScoredDocumentAtATime() throws IOException {
    Query one = new BooleanQuery.Builder().add(term("revenue"), BooleanClause.Occur.SHOULD).build();

    Query rewritten = small.rewrite(new DocAtATimeQuery(one));

    assertEquals(new DocAtATimeQuery(term("revenue")), rewritten);
    assertInstanceOf(DocAtATimeQuery.class, rewritten);
  }

  @Test
  void isEqualExactlyWhenTheWrappedQueriesAreAndSaysWhatItWraps() {
    Query query = disjunction("revenue forecast");
    DocAtATimeQuery wrapped = new DocAtATimeQuery(query);

    assertEquals(new DocAtATimeQuery(disjunction("revenue forecast")), wrapped);
    assertEquals(
        new DocAtATimeQuery(disjunction("revenue forecast")).hashCode(), wrapped.hashCode());
    assertNotEquals(new DocAtATimeQuery(disjunction("revenue audit")), wrapped);
    assertNotEquals(query, wrapped);
    assertTrue(wrapped.toString().contains(query.toString()), wrapped.toString());
  }

  @Test
  void aSmallSegmentsCostIsTheWrappedQuerysCost() throws IOException {
    Query query = small.rewrite(disjunction("revenue forecast audit"));
    LeafReaderContext segment = small.getIndexReader().leaves().get(0);

    long wrapped =
        small
            .createWeight(small.rewrite(new DocAtATimeQuery(query)), ScoreMode.TOP_SCORES, 1)
            .scorerSupplier(segment)
            .cost();

    assertEquals(
        small.createWeight(query, ScoreMode.TOP_SCORES, 1).scorerSupplier(segment).cost(), wrapped);
  }

  private IndexSearcher searcher(int documents, long seed) throws IOException {
    Random random = new Random(seed);
    IndexWriter writer =
        new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(new StandardAnalyzer()));
    for (int i = 0; i < documents; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 1 + random.nextInt(30); w > 0; w--) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      Document doc = new Document();
      doc.add(new TextField("body", text.toString(), Field.Store.NO));
      doc.add(new SortedDocValuesField("id", new BytesRef(String.format("d%05d", i))));
      writer.addDocument(doc);
    }
    writer.forceMerge(1);
    DirectoryReader reader = DirectoryReader.open(writer);
    writer.close();
    readers.add(reader);
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    return searcher;
  }

  private static Query disjunction(String words) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String word : words.split(" ")) {
      query.add(term(word), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  private static TermQuery term(String word) {
    return new TermQuery(new Term("body", word));
  }

  /** The top 20 as id=score bits, the way CorpusIndex searches. */
  private static List<String> hits(IndexSearcher searcher, Query query) throws IOException {
    List<String> hits = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(query, 20, BY_SCORE_THEN_ID, false).scoreDocs) {
      Object[] values = ((FieldDoc) hit).fields;
      hits.add(
          ((BytesRef) values[1]).utf8ToString()
              + "="
              + Integer.toHexString(Float.floatToIntBits((Float) values[0])));
    }
    return hits;
  }
}
