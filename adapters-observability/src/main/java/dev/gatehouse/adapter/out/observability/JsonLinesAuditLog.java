package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.support.audit.AuditRecording;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * {@link AuditLog} as JSON Lines, one object per event, for log shippers and SIEMs:
 * {@code {"ts":"2026-11-22T10:15:30.123Z","event":"login_failed","subject":"jane","client":"192.0.2.1"}}.
 * The time is UTC to the millisecond. A failing sink never reaches the caller: the event is lost, with a WARNING.
 */
public final class JsonLinesAuditLog implements AuditLog {

    /** The JUL logger {@link #toLogger()} writes to, so it can be routed and levelled on its own. */
    public static final String LOGGER_NAME = "gatehouse.audit";

    private static final Logger LOGGER = Logger.getLogger(JsonLinesAuditLog.class.getName());
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Consumer<String> sink;

    /** Hands every line, without a line break, to {@code sink}. */
    public JsonLinesAuditLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Writes every line at INFO to the JUL logger {@value #LOGGER_NAME}. */
    public static JsonLinesAuditLog toLogger() {
        Logger audit = Logger.getLogger(LOGGER_NAME);
        // info(String) passes the line through untouched: without parameters no MessageFormat reads its braces.
        return new JsonLinesAuditLog(audit::info);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            sink.accept(toJson(event));
        } catch (RuntimeException e) {
            AuditRecording.warnNotRecorded(LOGGER, event, e);
        }
    }

    /** Lines once written belong to the log's own rotation and retention: nothing to delete here. */
    @Override
    public int forgetBefore(Instant cutoff) {
        return 0;
    }

    static String toJson(AuditEvent event) {
        StringBuilder json = new StringBuilder(128).append('{');
        field(json, "ts", TIMESTAMP.format(event.occurredAt())).append(',');
        field(json, "event", AuditRecording.eventName(event.type())).append(',');
        field(json, "subject", event.subject()).append(',');
        field(json, "client", event.client().value());
        if (event.hasActor()) {
            field(json.append(','), "actor", event.actor());
        }
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append(jsonString(name)).append(':').append(jsonString(value));
    }

    /** A JSON string (RFC 8259), also escaping DEL and the line separators that break JavaScript and log tools. */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
