package dev.gatehouse.adapter.out.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private static LogRecord record(Level level, String logger, String message, Object[] parameters, Throwable thrown,
                                    Instant at) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(parameters);
        record.setThrown(thrown);
        record.setInstant(at);
        return record;
    }

    @Test
    void writes_the_line_simple_formatter_writes_with_the_layout_of_logging_properties() {
        String before = System.getProperty("java.util.logging.SimpleFormatter.format");
        System.setProperty("java.util.logging.SimpleFormatter.format", LogLineFormatter.LAYOUT);
        try {
            SimpleFormatter reference = new SimpleFormatter();
            LogLineFormatter formatter = new LogLineFormatter();
            for (LogRecord record : List.of(
                    record(Level.INFO, "gatehouse.access", "method=GET route=/users/me status=200 duration_ms=0.3", null, null,
                            Instant.parse("2026-12-05T00:42:22.123456789Z")),
                    // The same second again (its text remembered), then one before it.
                    record(Level.INFO, "gatehouse.access", "same second", null, null, Instant.parse("2026-12-05T00:42:22.050Z")),
                    record(Level.INFO, "gatehouse.access", "a second back", null, null, Instant.parse("2026-12-05T00:42:21.999Z")),
                    record(Level.INFO, "gatehouse.access", "before the epoch", null, null, Instant.parse("1969-12-31T23:59:59.500Z")),
                    record(Level.WARNING, "dev.gatehouse.adapter.in.web.GatehouseRouting", "Store unavailable on {0}: {1}",
                            new Object[] {"POST /token", "down"}, null, Instant.parse("2026-01-01T00:00:00Z")),
                    record(Level.SEVERE, "dev.gatehouse.bootstrap.Main", "start failed", null,
                            new IllegalStateException("database unreachable", new RuntimeException("refused")),
                            Instant.parse("2026-06-30T23:59:59.999Z")),
                    record(Level.FINE, null, "no logger", null, null, Instant.parse("1999-12-31T12:00:00.007Z")))) {
                assertEquals(reference.format(record), formatter.format(record), record.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", before);
            }
        }
    }
}
