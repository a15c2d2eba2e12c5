package dev.gatehouse.adapter.out.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis for tests: one {@code redis-server} per JVM (Debian's package, {@code apt-get install redis-server}), started
 * on first use on a free loopback port without persistence and stopped at JVM exit, like the embedded PostgreSQL.
 * Each {@link #fresh()} hands out a database of its own (the server has 10,000), so tests never see each other's keys.
 * A test that takes Redis away starts a {@link #privateServer()} of its own and stops it.
 */
public final class TestRedis {

    private static final int DATABASES = 10_000;
    private static final AtomicInteger NEXT_DATABASE = new AtomicInteger(1);

    private TestRedis() {
    }

    /** An empty database on the shared test server. */
    public static RedisSettings fresh() {
        int database = NEXT_DATABASE.getAndIncrement();
        if (database >= DATABASES) {
            throw new IllegalStateException("the test Redis has only " + DATABASES + " databases");
        }
        return RedisSettings.parse(Holder.SERVER.url() + "/" + database);
    }

    /** A server of its own, for a test that stops it: close it to stop it (again and again harmlessly). */
    public static Server privateServer() {
        return Server.start();
    }

    /** A running {@code redis-server} process. */
    public static final class Server implements AutoCloseable {

        private final Process process;
        private final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start() {
            String executable = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                    .filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("redis-server is not installed: apt-get install -y redis-server"
                            + " (.ci/run installs it)"));
            int port = freePort();
            try {
                Process process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--databases", Integer.toString(DATABASES),
                        "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                Server server = new Server(process, port);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "gatehouse-test-redis-stop"));
                server.awaitListening(Duration.ofSeconds(10));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + executable, e);
            }
        }

        /** {@code redis://127.0.0.1:<port>}, without a database number. */
        public String url() {
            return "redis://127.0.0.1:" + port;
        }

        public RedisSettings settings() {
            return RedisSettings.parse(url() + "/0");
        }

        /** Stops the server at once, as a crash would. */
        @Override
        public void close() {
            stop();
        }

        /** The same as {@link #close()}, for a test that takes Redis away in the middle. */
        public void stop() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void awaitListening(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start with status " + process.exitValue());
                }
                try {
                    new Socket(InetAddress.getLoopbackAddress(), port).close();
                    return;
                } catch (IOException notYet) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            close();
            throw new IllegalStateException("redis-server did not listen on port " + port + " within " + limit);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Lazy, thread-safe start: the JVM initialises the holder class once, on first use. */
    private static final class Holder {
        private static final Server SERVER = Server.start();
    }
}
