package dev.gatehouse.bench.floor;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.webserver.WebServer;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The least a start can cost on Gatehouse's fixed stack, one level at a time ({@code -Dgatehouse.floor=}):
 * <ul>
 *   <li>{@code jdk}: the JDK's own HTTP server answering {@code /health/ready} (the JVM and the launcher);</li>
 *   <li>{@code helidon}: Helidon SE's web server answering it;</li>
 *   <li>{@code stack}: Helidon SE, and {@code /health/ready} asks Hibernate for a count, on an H2 file database
 *       pooled by HikariCP and migrated by Flyway (one table), Hibernate booting beside the migration as Gatehouse's
 *       does, without ByteBuddy as Gatehouse's does.</li>
 * </ul>
 * Started like Gatehouse (gatehouse.sh, its jvm.options and AOT cache; {@code GATEHOUSE_HOST}, {@code GATEHOUSE_PORT},
 * {@code GATEHOUSE_DATA_DIR}), so bench/start measures it as it measures Gatehouse. {@code --aot-training} serves
 * a few hundred readiness checks on a throw-away database and exits, for the launcher to record its AOT cache.
 */
public final class Floor {

    private static final int TRAINING_REQUESTS = 300;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        String level = System.getProperty("gatehouse.floor", "stack");
        boolean training = args.length == 1 && args[0].equals("--aot-training");
        String host = env("GATEHOUSE_HOST", "127.0.0.1");
        int port = training ? 0 : Integer.parseInt(env("GATEHOUSE_PORT", "8000"));
        Path data = training ? Files.createTempDirectory("floor-training") : Path.of(env("GATEHOUSE_DATA_DIR", "data"));
        Running running = switch (level) {
            case "jdk" -> jdk(host, port);
            case "helidon" -> helidon(host, port, () -> true, () -> { });
            case "stack" -> stack(host, port, data);
            default -> throw new IllegalArgumentException("gatehouse.floor must be jdk, helidon or stack, got " + level);
        };
        System.out.println("floor (" + level + ") ready on port " + running.port());
        if (training) {
            for (int request = 0; request < TRAINING_REQUESTS; request++) {
                ready(running.port());
            }
            running.stop().run();
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private record Running(int port, Runnable stop) {
    }

    private static Running jdk(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new Running(server.getAddress().getPort(), () -> server.stop(0));
    }

    private static Running helidon(String host, int port, BooleanSupplier ready, Runnable close) {
        WebServer server = WebServer.builder().host(host).port(port)
                .routing(routing -> routing.get("/health/ready", (request, response) -> {
                    if (ready.getAsBoolean()) {
                        response.header("Content-Type", "application/json").send("{\"status\":\"UP\"}");
                    } else {
                        response.status(503).send();
                    }
                }))
                .build().start();
        return new Running(server.port(), () -> {
            server.stop();
            close.run();
        });
    }

    private static Running stack(String host, int port, Path data) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("floor");
        pool.setJdbcUrl("jdbc:h2:file:" + data.toAbsolutePath().resolve("floor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(10);
        pool.setMinimumIdle(2);
        HikariDataSource dataSource = new HikariDataSource(pool);
        CompletableFuture<EntityManagerFactory> boot = CompletableFuture.supplyAsync(() -> hibernate(dataSource),
                task -> Thread.ofPlatform().name("floor-hibernate-boot").daemon().start(task));
        Flyway.configure(Floor.class.getClassLoader()).dataSource(dataSource).locations("classpath:floor/migration")
                .load().migrate();
        EntityManagerFactory hibernate = boot.join();
        return helidon(host, port, () -> hibernate.callInTransaction(
                entities -> entities.createQuery("select count(a) from Account a", Long.class).getSingleResult() >= 0),
                () -> {
                    hibernate.close();
                    dataSource.close();
                });
    }

    private static EntityManagerFactory hibernate(DataSource dataSource) {
        return new HibernatePersistenceConfiguration("floor")
                .managedClass(Account.class)
                .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(SchemaToolingSettings.HBM2DDL_AUTO, "none")
                .createEntityManagerFactory();
    }

    /**
     * One readiness check over a plain socket (the JDK's HTTP client would put its own classes in the cache), read to
     * the end of its body: Helidon answers "Connection: close" but leaves the socket to the client to close.
     */
    private static void ready(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int contentLength = -1;
            while (contentLength < 0 || answer.length() < answer.indexOf("\r\n\r\n") + 4 + contentLength) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                answer.append((char) next);
                if (contentLength < 0 && answer.toString().endsWith("\r\n\r\n")) {
                    Matcher length = CONTENT_LENGTH.matcher(answer);
                    contentLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
                }
            }
            if (!answer.toString().startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("the readiness check answered " + answer.toString().lines().findFirst().orElse(""));
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
