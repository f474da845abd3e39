package dev.retrievalgateway.opensearchnode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real OpenSearch node (or a cluster of several) on loopback, in a JVM of its own, started from
 * the jars on Maven Central: no Docker, no download. For tests and {@code make run-opensearch}.
 *
 * <pre>{@code
 * try (OpenSearchNode node = OpenSearchNode.builder().nodes(3).start()) {
 *   URI url = node.url();           // http://127.0.0.1:<port> of the first node
 *   node.stopNode(2);               // one data node down; the cluster goes yellow
 *   node.startNode(2);              // and back
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is the one node of a test JVM: started on first use, stopped when the JVM
 * exits, or the node named by the {@code opensearch.url} system property or the {@code
 * OPENSEARCH_URL} environment variable when one is given (then nothing is started). Tests keep
 * apart by index prefix.
 *
 * <p>The node JVM ends when its standard input closes, so it never outlives the process that
 * started it, even one killed outright.
 */
public final class OpenSearchNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static OpenSearchNode shared;

  private final Process process;
  private final PrintWriter commands;
  private final List<Integer> httpPorts;
  private final Path basePath;
  private final boolean deleteBasePath;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OpenSearchNode(
      Process process, List<Integer> httpPorts, Path basePath, boolean deleteBasePath) {
    this.process = process;
    this.commands =
        new PrintWriter(
            new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
            true);
    this.httpPorts = List.copyOf(httpPorts);
    this.basePath = basePath;
    this.deleteBasePath = deleteBasePath;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code make run-opensearch}: a node in the foreground until Ctrl-C (or SIGTERM) stops it.
   * Options: {@code --port P} (default 9200), {@code --nodes N} (default 1), {@code --data DIR}
   * (kept; a temporary folder otherwise). Prints {@code opensearch: ready http://127.0.0.1:P} once
   * the cluster is green.
   */
  public static void main(String[] args) throws InterruptedException {
    Builder builder = builder().httpPort(9200);
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> builder.httpPort(Integer.parseInt(args[i + 1]));
        case "--nodes" -> builder.nodes(Integer.parseInt(args[i + 1]));
        case "--data" -> builder.basePath(Paths.get(args[i + 1]).toAbsolutePath());
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    OpenSearchNode node = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    System.out.println("opensearch: ready " + node.url() + " (" + node.nodes() + " node(s))");
    System.out.flush();
    node.process().waitFor();
  }

  /**
   * The URL of this test JVM's OpenSearch: {@code opensearch.url} or {@code OPENSEARCH_URL} when
   * set, otherwise a one-node cluster started on first call and stopped at JVM exit.
   */
  public static synchronized URI sharedUrl() {
    String given = System.getProperty("opensearch.url", System.getenv("OPENSEARCH_URL"));
    if (given != null && !given.isBlank()) {
      return URI.create(given.strip());
    }
    return shared().url();
  }

  /** This JVM's own one-node cluster, started on first call and stopped at JVM exit. */
  public static synchronized OpenSearchNode shared() {
    if (shared == null) {
      shared = builder().start();
      OpenSearchNode node = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    }
    return shared;
  }

  /** The HTTP URL of the first node. */
  public URI url() {
    return url(0);
  }

  /** The HTTP URL of node {@code i} (from 0). */
  public URI url(int i) {
    return URI.create("http://127.0.0.1:" + httpPorts.get(i));
  }

  /** The number of nodes this cluster was started with. */
  public int nodes() {
    return httpPorts.size();
  }

  /** The OS process of the node JVM (to kill it outright in a test). */
  public Process process() {
    return process;
  }

  /**
   * Closes node {@code i}; the others go on. Returns once the cluster has {@code nodes() - 1}
   * nodes, asked through another node.
   */
  public void stopNode(int i) {
    commands.println("stop " + i);
    awaitHealth(url(i == 0 ? 1 : 0), "yellow", nodes() - 1, START_TIMEOUT);
  }

  /** Starts node {@code i} again on its data, and waits until the cluster is green. */
  public void startNode(int i) {
    commands.println("start " + i);
    awaitHealth(url(i == 0 && nodes() > 1 ? 1 : 0), "green", nodes(), START_TIMEOUT);
  }

  /**
   * Waits until the cluster reports at least {@code status} with {@code nodes} nodes, asked through
   * {@code via}.
   */
  public void awaitHealth(URI via, String status, int nodes, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    URI health =
        via.resolve(
            "/_cluster/health?wait_for_status="
                + status
                + "&wait_for_nodes="
                + nodes
                + "&timeout=1s");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the OpenSearch JVM exited with " + process.exitValue() + "; see " + console());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        pause(); // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
      }
    }
    throw new IllegalStateException(
        "OpenSearch was not " + status + " with " + nodes + " nodes in " + timeout);
  }

  /** The file that holds the node JVM's console output. */
  public Path console() {
    return basePath.resolve("console.log");
  }

  /** Stops every node and the JVM, and deletes the data unless a base path was given. */
  @Override
  public void close() {
    commands.close(); // end of input: the node JVM closes its nodes and exits
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (deleteBasePath) {
      deleteTree(basePath);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is not worth failing a test run for.
    }
  }

  /** Options of a node or cluster to start. */
  public static final class Builder {
    private int nodes = 1;
    private int firstHttpPort;
    private String heap;
    private Path basePath;

    private Builder() {}

    /** How many nodes in the cluster (1 by default); all are cluster-manager eligible. */
    public Builder nodes(int count) {
      if (count < 1 || count > 9) {
        throw new IllegalArgumentException("nodes must be 1 to 9");
      }
      this.nodes = count;
      return this;
    }

    /** The first node's HTTP port (a free one by default); the others get free ports. */
    public Builder httpPort(int port) {
      this.firstHttpPort = port;
      return this;
    }

    /** The node JVM's heap, e.g. {@code 512m} (the default: 512m, plus 256m per extra node). */
    public Builder heap(String size) {
      this.heap = size;
      return this;
    }

    /** Where the nodes keep data and logs (kept on close); a temporary folder by default. */
    public Builder basePath(Path path) {
      this.basePath = path;
      return this;
    }

    /** Starts the node JVM and waits until the cluster is green. */
    public OpenSearchNode start() {
      try {
        boolean temporary = basePath == null;
        Path base =
            temporary
                ? Files.createTempDirectory("opensearch-node")
                : Files.createDirectories(basePath);
        List<Integer> http = new ArrayList<>();
        List<Integer> transport = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          http.add(i == 0 && firstHttpPort > 0 ? firstHttpPort : freePort());
          transport.add(freePort());
        }
        String memory = heap != null ? heap : (512 + 256 * (nodes - 1)) + "m";
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
            List.of(
                "-Xms" + memory,
                "-Xmx" + memory,
                "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-Djava.io.tmpdir=" + base,
                "-cp",
                classPath(),
                NodeMain.class.getName(),
                "--base-path",
                base.toString(),
                "--http-ports",
                join(http),
                "--transport-ports",
                join(transport)));
        Process process =
            new ProcessBuilder(command).redirectErrorStream(true).directory(base.toFile()).start();
        OpenSearchNode node = new OpenSearchNode(process, http, base, temporary);
        node.readConsole(process.getInputStream(), base.resolve("console.log"));
        try {
          node.awaitHealth(node.url(), "green", nodes, START_TIMEOUT);
        } catch (RuntimeException e) {
          node.close();
          throw e;
        }
        return node;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start an OpenSearch node", e);
      }
    }
  }

  /** Copies the node JVM's output to its console file. */
  private void readConsole(InputStream out, Path file) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
                  Writer log = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                  log.write(line);
                  log.write('\n');
                  log.flush();
                }
              } catch (IOException e) {
                // The node JVM is gone; awaitHealth reports it.
              }
            },
            "opensearch-node-console");
    reader.setDaemon(true);
    reader.start();
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The runner's jars (a resource written at build time) and this module's own code. */
  private static String classPath() throws IOException {
    String jars;
    try (InputStream in = OpenSearchNode.class.getResourceAsStream("node.classpath")) {
      if (in == null) {
        throw new IOException("node.classpath is missing: build the opensearch-node module");
      }
      jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      Path own =
          Paths.get(
              OpenSearchNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return own + java.io.File.pathSeparator + jars;
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the opensearch-node classes", e);
    }
  }
}
