package govkg;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A throwaway Neo4j 5.26 for tests and local trials: the embedded database
 * with its Bolt connector on one local port, authentication on.
 *
 * <pre>
 * NEO4J_PASSWORD=govkg-dev-password \
 *   java -cp 'target/classes:target/lib/*' govkg.Neo4jLauncher --port 7687 --data .neo4j/data
 * </pre>
 *
 * Options: {@code --host H} (127.0.0.1), {@code --port N} (7687),
 * {@code --data DIR} (a temporary folder, removed on exit, if omitted),
 * {@code --password-env NAME} (NEO4J_PASSWORD; the password never travels on
 * the command line, where {@code ps} would show it), {@code --watch-stdin}
 * (stop when standard input closes, so a server started by a test dies with
 * it). Prints one line {@code READY bolt://H:N} on stdout once Bolt accepts
 * connections with the password set; everything else goes to stderr or to
 * {@code DIR/logs}. Stops cleanly on SIGTERM / SIGINT.
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 7687;
        Path data = null;
        String passwordEnv = "NEO4J_PASSWORD";
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]).toAbsolutePath();
                case "--password-env" -> passwordEnv = args[++i];
                case "--watch-stdin" -> watchStdin = true;
                default -> fail("unknown argument " + args[i]
                        + "; usage: Neo4jLauncher [--host H] [--port N] [--data DIR] [--password-env NAME] [--watch-stdin]");
            }
        }
        String password = System.getenv(passwordEnv);
        if (password == null || password.length() < 8) {
            fail("set " + passwordEnv + " to the password for user neo4j (at least 8 characters)");
        }
        boolean temporary = data == null;
        Path home = temporary ? Files.createTempDirectory("govkg-neo4j-") : data;
        Files.createDirectories(home);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                // A throwaway server need not wait 5 s twice for Bolt to drain on shutdown.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            if (temporary) {
                deleteTree(home);
            }
            stopped.countDown();
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            fail("could not set the password of user neo4j: " + e.getMessage());
        }
        waitForPort(host, port);
        System.err.printf("Neo4j started in %.1f s (data in %s)%n", (System.nanoTime() - started) / 1e9, home);
        System.out.println("READY bolt://" + host + ":" + port);
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /** Make the neo4j user's password the given one, on a new data folder or an old one. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // An earlier start with this data folder already set this very password.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static void waitForPort(String host, int port) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("Bolt did not accept connections on " + host + ":" + port + " within 60 s");
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Only the end of the stream matters.
            }
        } catch (IOException closed) {
            // Treat a broken stdin like a closed one.
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }

    /** Exit with a message; the shutdown hook, once registered, stops the database first. */
    private static void fail(String message) {
        System.err.println("Neo4jLauncher: " + message);
        System.exit(2);
    }
}
