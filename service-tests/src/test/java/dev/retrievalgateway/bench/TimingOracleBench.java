package dev.retrievalgateway.bench;

import dev.retrievalgateway.testkit.Http;
import dev.retrievalgateway.testkit.Json;
import dev.retrievalgateway.testkit.RawResponse;
import dev.retrievalgateway.testsupport.GatewayProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Can an intern tell a document of its own tenant above its clearance from an absent id by timing
 * {@code GET /documents/{id}}? Both answer the same {@code 404}; this measures N interleaved pairs
 * (one request of each, in random order, over one kept-alive connection to a gateway in a child
 * JVM) and prints the median difference and a sign test over the pairs, beside the same figures for
 * two absent ids as the baseline. A sign-test |z| under about 3 means the two cannot be told apart
 * at this N. Prints figures; asserts nothing. {@code make bench-timing} runs it ({@code
 * BENCH_PAIRS}, default 3,000).
 */
public final class TimingOracleBench {
  private static final String ABOVE = "timing-restricted";
  private static final String ABSENT = "timing-absent-1";
  private static final String OTHER_ABSENT = "timing-absent-2";

  private TimingOracleBench() {}

  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(System.getenv().getOrDefault("BENCH_PAIRS", "3000"));
    try (GatewayProcess gateway =
        GatewayProcess.builder()
            .env("SERVER_PORT", "0")
            .env("GATEWAY_CORPUS_SEED", "none")
            .env("GATEWAY_THROTTLE_RATE", "1000000")
            .env("GATEWAY_THROTTLE_BURST", "1000000")
            .start()) {
      URI base = gateway.awaitStartup(Duration.ofSeconds(90));
      RawResponse created =
          new Http(base)
              .postJson(
                  "/documents",
                  Http.identity("ops", "timing", "admin"),
                  Json.document(ABOVE, "t", "b", "restricted"));
      if (created.status() != 201) {
        throw new IllegalStateException("could not create the document: " + created.status());
      }
      try (KeptAlive client = new KeptAlive(base)) {
        Random order = new Random(42);
        for (int i = 0; i < 2_000; i++) { // warm-up: JIT, caches, the audit path
          client.get(i % 2 == 0 ? ABOVE : ABSENT);
        }
        long[] oracle = new long[pairs];
        long[] baseline = new long[pairs];
        for (int i = 0; i < pairs; i++) {
          oracle[i] = pairDifference(client, ABOVE, ABSENT, order);
          baseline[i] = pairDifference(client, OTHER_ABSENT, ABSENT, order);
        }
        System.out.printf(
            Locale.ROOT,
            "timing oracle: GET /documents/{id} as an intern, %,d interleaved pairs each%n",
            pairs);
        print("above clearance vs absent", oracle);
        print("absent vs absent (baseline)", baseline);
      }
    }
  }

  /** Time of {@code first} minus time of {@code second}, in ns, sent in random order. */
  private static long pairDifference(KeptAlive client, String first, String second, Random order)
      throws IOException {
    if (order.nextBoolean()) {
      long a = client.get(first);
      return a - client.get(second);
    }
    long b = client.get(second);
    return client.get(first) - b;
  }

  private static void print(String name, long[] differences) {
    long[] sorted = differences.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2] / 1_000.0;
    long slower = Arrays.stream(differences).filter(d -> d > 0).count();
    long faster = Arrays.stream(differences).filter(d -> d < 0).count();
    long decided = slower + faster;
    double z = decided == 0 ? 0 : (slower - decided / 2.0) / Math.sqrt(decided / 4.0);
    System.out.printf(
        Locale.ROOT,
        "%-30s median difference %+7.2f us; first slower in %5.1f%% of pairs (sign test z %+6.2f)%n",
        name,
        median,
        100.0 * slower / Math.max(1, decided),
        z);
  }

  /**
   * One kept-alive HTTP/1.1 connection, written and read by hand: the JDK's client adds its own
   * scheduling noise, which would hide differences of a few microseconds.
   */
  private static final class KeptAlive implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[16_384];

    KeptAlive(URI base) throws IOException {
      socket = new Socket(base.getHost(), base.getPort());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    /** Sends the GET and reads the whole response; returns the elapsed time in ns. */
    long get(String docId) throws IOException {
      byte[] request =
          ("GET /documents/"
                  + docId
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User: intern-1\r\nX-Tenant: timing\r\n"
                  + "X-Role: intern\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      out.write(request);
      out.flush();
      readResponse();
      return System.nanoTime() - start;
    }

    private void readResponse() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed");
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      int at = headers.indexOf("content-length:");
      if (at < 0) {
        throw new IOException("no content-length");
      }
      int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).strip());
      for (int read = 0; read < length; ) {
        int n = in.read(buffer, 0, Math.min(buffer.length, length - read));
        if (n < 0) {
          throw new IOException("connection closed");
        }
        read += n;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
