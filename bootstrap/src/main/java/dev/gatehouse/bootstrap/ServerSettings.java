package dev.gatehouse.bootstrap;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where Gatehouse listens and how it runs as a process: the interface and port of the API, the port of the
 * operations endpoints when they have their own ({@code /health/*}, {@code /metrics}; 0: any free one), how long
 * readiness waits for the database, how long a stop lets requests finish, and whether log lines are JSON.
 */
public record ServerSettings(String host, int port, OptionalInt adminPort, Duration readinessTimeout, Duration shutdownGrace,
                             boolean jsonLogs) {

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminPort, "adminPort");
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    }
}
