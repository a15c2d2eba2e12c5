package dev.gatehouse.adapter.out.observability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line ({@code GATEHOUSE_LOG_FORMAT=json}), for log shippers:
 * {@code {"ts":"…","level":"INFO","logger":"…","thread":"…","message":"…","error":"…"}}.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "ts", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(line, "level", record.getLevel().getName()).append(',');
        field(line, "logger", record.getLoggerName() == null ? "" : record.getLoggerName()).append(',');
        field(line, "thread", Thread.currentThread().getName()).append(',');
        field(line, "message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(',');
            field(line, "error", trace.toString());
        }
        return line.append('}').append(System.lineSeparator()).toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
