package dev.gatehouse.adapter.out.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link DatabaseWatch}'s probe: opens one connection straight through the JDBC driver (not the pool, which
 * may be stuck in its own back-off) and closes it again. It answers within {@code timeout}; an attempt still
 * hanging then counts as a failure, and no second attempt starts until it has ended.
 */
final class DriverProbe implements DatabaseWatch.Probe {

    private final DatabaseSettings settings;
    private final Duration timeout;
    private CompletableFuture<Boolean> attempt = CompletableFuture.completedFuture(true);

    DriverProbe(DatabaseSettings settings, Duration timeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public synchronized boolean connects() {
        if (!attempt.isDone()) {
            return false;
        }
        attempt = CompletableFuture.supplyAsync(this::connectOnce, Thread::startVirtualThread);
        try {
            return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException slowOrFailed) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean connectOnce() {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties())) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException unreachable) {
            return false;
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
            // Seconds: a probe that hangs (a silent network) must end on its own, not hold a socket for ever.
            long seconds = Math.max(1, timeout.toSeconds() + 1);
            properties.setProperty("ApplicationName", "gatehouse-probe");
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("loginTimeout", Long.toString(seconds));
            properties.setProperty("socketTimeout", Long.toString(seconds));
        }
        return properties;
    }
}
