package graphsvc.neo4j;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j Community for graphsvc's tests and for users without Docker: Bolt and
 * HTTP (with Neo4j Browser when its jar is on the classpath) on 127.0.0.1.
 *
 * <p>Arguments: --bolt-port N, --http-port N (0 or absent: a free port), --data DIR
 * (absent: a temporary folder removed on exit), --password P (absent or "none": no
 * auth). Prints one line "NEO4J READY bolt://... http://..." on stdout when ready and
 * shuts down cleanly on SIGTERM.
 */
public final class TestNeo4j {
  private TestNeo4j() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int boltPort = port(options.get("bolt-port"));
    int httpPort = port(options.get("http-port"));
    String password = options.getOrDefault("password", "none");
    boolean auth = !password.equals("none");
    Path workDir =
        options.containsKey("data")
            ? Files.createDirectories(Path.of(options.get("data")))
            : Files.createTempDirectory("graphsvc-neo4j-");

    Neo4jBuilder builder =
        Neo4jBuilders.newInProcessBuilder(workDir)
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
            .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
            .withConfig(HttpConnector.enabled, true)
            .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
            .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort))
            .withConfig(GraphDatabaseSettings.auth_enabled, auth)
            .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024);
    Neo4j neo4j = builder.build();
    if (auth) {
      neo4j
          .databaseManagementService()
          .database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  neo4j.close();
                  if (!options.containsKey("data")) {
                    deleteQuietly(workDir);
                  }
                  stopped.countDown();
                }));
    System.out.println("NEO4J READY " + neo4j.boltURI() + " " + neo4j.httpURI());
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static int port(String value) throws IOException {
    int asked = value == null ? 0 : Integer.parseInt(value);
    if (asked != 0) {
      return asked;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
