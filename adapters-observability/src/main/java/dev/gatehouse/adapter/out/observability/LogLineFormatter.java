package dev.gatehouse.adapter.out.observability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The plain log line, {@code 2026-12-05T00:42:22.123 INFO gatehouse.access: method=GET route=/users/me …}, and a
 * stack trace on the lines after it when there is one: the line {@code SimpleFormatter} writes with the pattern
 * {@value #LAYOUT}, written without a {@link java.util.Formatter}. The access log writes a line per request, and a
 * saturated {@code /users/me} profile spent 8 % of its CPU samples in {@code String.format} and 13 % of its
 * allocation in Helidon's formatter for that line. Set on the console handler in {@code logging.properties}.
 */
public final class LogLineFormatter extends Formatter {

    /** The {@code java.util.logging.SimpleFormatter.format} pattern whose lines this formatter writes. */
    public static final String LAYOUT = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s: %5$s%6$s%n";

    private static final DateTimeFormatter UP_TO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final ZoneId zone = ZoneId.systemDefault();
    /**
     * The last second written: lines come thousands a second, and formatting the date for each was 2.7 % of a paced
     * {@code /users/me}'s CPU. Racing threads at worst both format it.
     */
    private volatile Second last = new Second(Long.MIN_VALUE, "");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(192);
        Instant instant = record.getInstant();
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new Second(instant.getEpochSecond(),
                    UP_TO_SECONDS.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(instant.getEpochSecond()), zone)));
            last = second;
        }
        int millis = instant.getNano() / 1_000_000;
        line.append(second.text()).append('.').append(millis < 100 ? "0" : "").append(millis < 10 ? "0" : "").append(millis);
        line.append(' ').append(record.getLevel().getLocalizedName())
                .append(' ').append(record.getLoggerName())
                .append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            PrintWriter writer = new PrintWriter(trace);
            writer.println();
            record.getThrown().printStackTrace(writer);
            writer.close();
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** A second since the epoch, written as local date and time. */
    private record Second(long epochSecond, String text) {
    }
}
