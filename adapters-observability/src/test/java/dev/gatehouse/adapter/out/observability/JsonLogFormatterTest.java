package dev.gatehouse.adapter.out.observability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @Test
    void writes_one_json_object_per_line_with_everything_escaped() {
        LogRecord record = new LogRecord(Level.WARNING, "a \"quoted\" message\nwith a second line\\ and\ttab\u0001");
        record.setLoggerName("gatehouse.test");
        record.setThrown(new IllegalStateException("boom"));

        String line = new JsonLogFormatter().format(record);

        assertTrue(line.endsWith(System.lineSeparator()));
        assertTrue(line.strip().lines().count() == 1, line);
        assertTrue(line.startsWith("{\"ts\":\""), line);
        assertTrue(line.contains("\"level\":\"WARNING\",\"logger\":\"gatehouse.test\""), line);
        assertTrue(line.contains("\"message\":\"a \\\"quoted\\\" message\\nwith a second line\\\\ and\\ttab\\u0001\""), line);
        assertTrue(line.contains("\"error\":\"java.lang.IllegalStateException: boom\\n"), line);
    }
}
