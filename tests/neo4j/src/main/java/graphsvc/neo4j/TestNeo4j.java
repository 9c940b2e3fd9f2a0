package graphsvc.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.server.configuration.ServerSettings;

/**
 * A real Neo4j Community for graphsvc's tests and for users without Docker: Bolt and HTTP
 * (Neo4j Browser at /browser/, served from the neo4j-browser jar on the classpath) on
 * 127.0.0.1, through Neo4j's own test harness.
 *
 * <p>Arguments, all optional, as "--name value" pairs:
 *
 * <ul>
 *   <li>--bolt-port N, --http-port N: 0 or absent picks a free port.
 *   <li>--data DIR: keep the database in DIR (a Neo4j home: DIR/data, DIR/logs); absent means
 *       a temporary folder that is deleted on exit.
 *   <li>--password P: enable auth for user neo4j with password P (no change required); absent
 *       or "none" disables auth.
 *   <li>--page-cache SIZE: Neo4j's page cache, in bytes or with a k, m or g suffix ("2g");
 *       absent means 64 MiB, small for the tests. Bulk-load benchmarks ask for more.
 *   <li>--transaction-memory SIZE: the most heap one transaction may hold
 *       (db.memory.transaction.max), same format; absent means 256 MiB.
 *   <li>--watch-stdin true: exit when standard input reaches end of file, so that Neo4j does
 *       not outlive a parent process that was killed (the Python launcher uses it).
 * </ul>
 *
 * <p>Neo4j Browser may fetch guides (:play URL) and styles (:style URL) from the hosts of
 * {@link #BROWSER_CONTENT_HOSTS}: Neo4j's default plus 127.0.0.1, where graphsvc serves its
 * guide (/neo4j/guide.html).
 *
 * <p>Stdout carries exactly one line, "NEO4J READY bolt://127.0.0.1:P http://127.0.0.1:Q", when
 * Neo4j accepts connections; Neo4j's logs go to files (DIR/logs/debug.log and the harness's
 * neo4j.log), and errors to stderr. SIGTERM or Ctrl-C shuts Neo4j down cleanly.
 */
public final class TestNeo4j {
  private static final String HOST = "127.0.0.1";
  private static final Set<String> OPTIONS =
      Set.of(
          "bolt-port",
          "http-port",
          "data",
          "password",
          "page-cache",
          "transaction-memory",
          "watch-stdin");
  /** The page cache when --page-cache is absent: small and quick for the tests. */
  private static final long DEFAULT_PAGE_CACHE = 64L * 1024 * 1024;
  /**
   * The most heap one transaction may hold (db.memory.transaction.max) when
   * --transaction-memory is absent: a quarter of the launcher's 1 GiB heap, so that one
   * query fails with Neo4j's MemoryLimitExceeded error instead of running the heap out.
   */
  private static final long DEFAULT_TRANSACTION_MEMORY = 256L * 1024 * 1024;
  /**
   * The only plugin procedures Neo4j loads (built-in ones are always there; POST /cypher's
   * plan check refuses them): graphsvc's POST /cypher calls no others, the service itself
   * calls none. Keep in step with READ_ONLY_PROCEDURES in graphsvc/cypher_guard/plan.py and with
   * docker-compose.yml.
   */
  static final List<String> PROCEDURE_ALLOWLIST =
      List.of(
          "db.labels",
          "db.relationshipTypes",
          "db.propertyKeys",
          "db.schema.visualization",
          "db.schema.nodeTypeProperties",
          "db.schema.relTypeProperties");

  /**
   * Neo4j's setting browser.remote_content_hostname_whitelist (so named in 5.26; Neo4j's
   * default is "guides.neo4j.com,localhost"): the hosts Browser may fetch guides and styles
   * from. 127.0.0.1 added for graphsvc's /neo4j/guide.html. Keep in step with
   * docker-compose.yml.
   */
  static final String BROWSER_CONTENT_HOSTS = "guides.neo4j.com,localhost,127.0.0.1";

  private static final Object LOCK = new Object();
  private static Neo4j neo4j;
  private static boolean stopping;

  private TestNeo4j() {}

  public static void main(String[] args) {
    try {
      run(parse(args));
    } catch (Exception | LinkageError e) {
      System.err.println("TestNeo4j: could not start Neo4j: " + e);
      e.printStackTrace();
      System.exit(1); // Runs the shutdown hook: closes what started, removes a temporary folder.
    }
  }

  private static void run(Map<String, String> options) throws Exception {
    String password = options.getOrDefault("password", "none");
    boolean auth = !password.equals("none");
    boolean temporary = !options.containsKey("data");
    Path home =
        temporary
            ? Files.createTempDirectory("graphsvc-neo4j-")
            : Files.createDirectories(Path.of(options.get("data")).toAbsolutePath());
    System.err.println(
        "TestNeo4j: Neo4j home "
            + home
            + (temporary ? " (temporary)" : "")
            + ", logs in "
            + home.resolve("logs"));
    // Registered before Neo4j starts, so a SIGTERM during start-up still cleans up: the hook
    // waits for start-up to finish (it needs LOCK), then shuts down.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(home, temporary)));
    if ("true".equals(options.get("watch-stdin"))) {
      watchStdin();
    }

    long pageCache = bytes(options.get("page-cache"), DEFAULT_PAGE_CACHE);
    long transactionMemory =
        bytes(options.get("transaction-memory"), DEFAULT_TRANSACTION_MEMORY);
    int boltPort = port(options.get("bolt-port"));
    int httpPort = port(options.get("http-port"));
    synchronized (LOCK) {
      if (stopping) {
        return;
      }
      try {
        // The harness runs in a random subfolder of home (holding only its neo4j.log, which
        // close() deletes); neo4j_home points Neo4j's data and logs at home itself, so that
        // --data survives restarts. Ports are chosen here rather than given as 0 so that the
        // advertised addresses (routing table, HTTP discovery) carry the real ports.
        neo4j =
            Neo4jBuilders.newInProcessBuilder(home)
                .withConfig(GraphDatabaseSettings.neo4j_home, home)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                .withConfig(GraphDatabaseSettings.auth_enabled, auth)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .withConfig(GraphDatabaseSettings.memory_transaction_max_size, transactionMemory)
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(
                    ServerSettings.browser_remote_content_hostname_whitelist,
                    BROWSER_CONTENT_HOSTS)
                // Least privilege (docs/security.md): LOAD CSV reads no file and fetches no
                // URL (every address is blocked), and only read-only procedures are loaded.
                .withConfig(GraphDatabaseSettings.allow_file_urls, false)
                .withConfig(
                    GraphDatabaseInternalSettings.cypher_ip_blocklist,
                    List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .withConfig(GraphDatabaseSettings.procedure_allowlist, PROCEDURE_ALLOWLIST)
                // Bolt waits 5 s twice for idle thread pools on shutdown; a test server need not.
                .withConfig(
                    BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                    Duration.ofSeconds(1))
                .withConfig(
                    BoltConnectorInternalSettings.connection_shutdown_wait_time,
                    Duration.ofSeconds(1))
                .build();
        if (auth) {
          setPassword(password);
        }
      } catch (Exception | LinkageError e) {
        printLogTails(home);
        throw e;
      }
      // Inside the lock: a shutdown that began meanwhile waits until this line is out.
      System.out.println(
          "NEO4J READY bolt://"
              + HOST
              + ":"
              + neo4j.boltURI().getPort()
              + " http://"
              + HOST
              + ":"
              + neo4j.httpURI().getPort());
      System.out.flush();
    }
    Thread.currentThread().join(); // Until SIGTERM, Ctrl-C or System.exit.
  }

  /** Gives user neo4j the password, so that drivers log in with it and need no change. */
  private static void setPassword(String password) {
    try {
      neo4j
          .databaseManagementService()
          .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    } catch (RuntimeException e) {
      // A kept --data folder may already have this password, which Neo4j refuses to set again.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        throw e;
      }
    }
  }

  private static void shutdown(Path home, boolean temporary) {
    synchronized (LOCK) {
      stopping = true;
      if (neo4j != null) {
        try {
          neo4j.close();
        } catch (RuntimeException e) {
          System.err.println("TestNeo4j: error while shutting down: " + e);
        }
        neo4j = null;
      }
      if (temporary) {
        deleteQuietly(home);
      }
    }
  }

  private static void watchStdin() {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // Only end of file matters.
                }
              } catch (IOException ignored) {
                // A broken stdin counts as end of file.
              }
              System.exit(0);
            },
            "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!OPTIONS.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs with names " + OPTIONS + ", got " + args[i]);
      }
      options.put(name, args[i + 1]);
    }
    return options;
  }

  /** A size such as "2g", "512m", "65536k" or "1048576" in bytes; absent gives fallback. */
  static long bytes(String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    String text = value.trim().toLowerCase();
    long unit = 1;
    char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
      text = text.substring(0, text.length() - 1);
    }
    long size = Long.parseLong(text) * unit;
    if (size <= 0) {
      throw new IllegalArgumentException("a size must be positive, got " + value);
    }
    return size;
  }

  /** The port asked for, or a free one on 127.0.0.1 for 0 or absent. */
  private static int port(String value) throws IOException {
    int asked = value == null ? 0 : Integer.parseInt(value);
    if (asked != 0) {
      return asked;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /** Copies the end of Neo4j's log files to stderr, since a failed start leaves only them. */
  private static void printLogTails(Path home) {
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(home, 3)) {
      paths
          .filter(p -> p.getFileName().toString().matches("neo4j\\.log|debug\\.log"))
          .forEach(logs::add);
    } catch (IOException ignored) {
      return;
    }
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log);
        System.err.println("---- last lines of " + log + " ----");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
      } catch (IOException ignored) {
        // Nothing more to show.
      }
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
