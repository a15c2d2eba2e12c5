package dev.gatehouse.examples.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the recipes' Gatehouse keeps its data on, as a deployment does: {@code GATEHOUSE_TEST_DB_URL}
 * (with {@code GATEHOUSE_TEST_DB_USER} and {@code GATEHOUSE_TEST_DB_PASSWORD}) when set, otherwise one embedded server
 * per test JVM (zonky), started on first use and thrown away at exit. Each {@link RunningGatehouse} gets a fresh
 * database on it.
 */
final class RecipePostgres {

    /** A fresh database: its JDBC URL, user and password (null for none). */
    record Database(String url, String user, String password) {
    }

    private final String adminUrl;
    private final String user;
    private final String password;

    private RecipePostgres(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** A new, empty database (Gatehouse's Flyway makes the schema when it starts). */
    static Database freshDatabase() {
        RecipePostgres server = Holder.SERVER;
        String name = "gatehouse_recipe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(server.adminUrl, server.user, server.password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + server.adminUrl, e);
        }
        return new Database(withDatabase(server.adminUrl, name), server.user, server.password);
    }

    private static RecipePostgres start() {
        String url = System.getenv("GATEHOUSE_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new RecipePostgres(url, System.getenv("GATEHOUSE_TEST_DB_USER"), System.getenv("GATEHOUSE_TEST_DB_PASSWORD"));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    System.err.println("could not stop the embedded PostgreSQL: " + e.getMessage());
                }
            }, "recipe-postgres-stop"));
            return new RecipePostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** {@code jdbc:postgresql://host[:port]/name[?params]} with another database name. */
    private static String withDatabase(String postgresUrl, String database) {
        String prefix = "jdbc:postgresql://";
        if (!postgresUrl.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            throw new IllegalArgumentException("GATEHOUSE_TEST_DB_URL must be a jdbc:postgresql:// URL");
        }
        int queryStart = postgresUrl.indexOf('?');
        String query = queryStart < 0 ? "" : postgresUrl.substring(queryStart);
        String withoutQuery = queryStart < 0 ? postgresUrl : postgresUrl.substring(0, queryStart);
        int pathStart = withoutQuery.indexOf('/', prefix.length());
        return (pathStart < 0 ? withoutQuery : withoutQuery.substring(0, pathStart)) + "/" + database + query;
    }

    /** Lazy, thread-safe start: the JVM initialises the holder class once, on first use. */
    private static final class Holder {
        private static final RecipePostgres SERVER = start();
    }
}
