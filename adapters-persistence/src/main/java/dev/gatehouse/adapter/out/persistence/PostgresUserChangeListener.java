package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps a {@link CachingUserRepository} honest across instances: on a connection of its own it LISTENs to
 * {@code gatehouse_user_changed} (announced by the trigger of migration 2.1) and forgets each user named.
 * The cache serves only while this listens: when the connection fails the cache is suspended, and once
 * listening again it resumes empty, because announcements made in between are lost.
 */
final class PostgresUserChangeListener implements AutoCloseable {

    static final String CHANNEL = "gatehouse_user_changed";
    private static final Logger LOG = Logger.getLogger(PostgresUserChangeListener.class.getName());
    private static final int POLL_MILLIS = 250;
    private static final Duration HEALTH_CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final DatabaseSettings settings;
    private final CachingUserRepository cache;
    private final Thread thread;
    private volatile boolean closed;

    private PostgresUserChangeListener(DatabaseSettings settings, CachingUserRepository cache) {
        this.settings = settings;
        this.cache = cache;
        // A platform thread: it blocks in a socket read for its whole life.
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-user-changes").unstarted(this::listenUntilClosed);
    }

    static PostgresUserChangeListener start(DatabaseSettings settings, CachingUserRepository cache) {
        PostgresUserChangeListener listener = new PostgresUserChangeListener(
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(cache, "cache"));
        listener.thread.start();
        return listener;
    }

    private void listenUntilClosed() {
        Duration retry = FIRST_RETRY;
        boolean reportedOutage = false;
        while (!closed) {
            try (Connection listening = connect()) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.resume();
                if (reportedOutage) {
                    LOG.info("listening to user changes again; the user cache is back on");
                    reportedOutage = false;
                }
                retry = FIRST_RETRY;
                forwardAnnouncements(listening);
            } catch (SQLException | RuntimeException failure) {
                cache.suspend();
                if (closed) {
                    return;
                }
                if (!reportedOutage) {
                    LOG.log(Level.WARNING, "lost the connection that hears user changes; reading users from the database until it is back: "
                            + settings.redactSecrets(String.valueOf(failure.getMessage())));
                    reportedOutage = true;
                }
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
        cache.suspend();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "gatehouse-user-changes");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = new org.postgresql.Driver().connect(settings.jdbcUrl(), properties);
        if (opened == null) {
            throw new SQLException("not a PostgreSQL URL: " + settings.redactedJdbcUrl());
        }
        opened.setAutoCommit(true);
        return opened;
    }

    private void forwardAnnouncements(Connection listening) throws SQLException {
        PGConnection postgres = listening.unwrap(PGConnection.class);
        long lastHealthCheck = System.nanoTime();
        while (!closed) {
            PGNotification[] announcements = postgres.getNotifications(POLL_MILLIS);
            if (announcements != null) {
                for (PGNotification announcement : announcements) {
                    forget(announcement.getParameter());
                }
            }
            // A quiet connection may be a dead one (a silent network drop): check it now and then.
            if (System.nanoTime() - lastHealthCheck > HEALTH_CHECK_EVERY.toNanos()) {
                if (!listening.isValid(2)) {
                    throw new SQLException("the connection that hears user changes stopped answering");
                }
                lastHealthCheck = System.nanoTime();
            }
        }
    }

    private void forget(String canonicalUsername) {
        if ("*".equals(canonicalUsername)) {
            cache.forgetAll();
            return;
        }
        try {
            cache.forget(new Username(canonicalUsername));
        } catch (IllegalArgumentException | NullPointerException notAUsername) {
            // Written by hand in SQL, perhaps: forgetting everyone is always safe.
            cache.forgetAll();
        }
    }

    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (!closed && System.nanoTime() - until < 0) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening, waits briefly for the thread to end, and leaves the cache suspended. */
    @Override
    public void close() {
        // The thread sees the flag within one poll and closes its own connection (pgjdbc connections are
        // not meant to be closed from another thread while one blocks in them).
        closed = true;
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        cache.suspend();
    }
}
