package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Audit events as JSON Lines, read back with an independent parser (Parsson). */
class JsonLinesAuditLogTest {

    private static final AuditEvent FAILED_LOGIN = new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "jane",
            new ClientAddress("192.0.2.1"), Instant.parse("2026-11-22T10:15:30.123456Z"));

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonLinesAuditLog log = new JsonLinesAuditLog(lines::add);

    @Test
    void writes_one_json_object_per_event_with_the_time_the_event_the_subject_and_the_client() {
        log.record(FAILED_LOGIN);

        assertEquals(List.of("{\"ts\":\"2026-11-22T10:15:30.123Z\",\"event\":\"login_failed\",\"subject\":\"jane\",\"client\":\"192.0.2.1\"}"),
                lines);
        JsonObject json = parse(lines.getFirst()).asJsonObject();
        assertEquals(Set.of("ts", "event", "subject", "client"), json.keySet(), "and no password or token field");
        assertEquals("2026-11-22T10:15:30.123Z", json.getString("ts"));
        assertEquals("login_failed", json.getString("event"));
        assertEquals("jane", json.getString("subject"));
        assertEquals("192.0.2.1", json.getString("client"));
    }

    @Test
    void names_the_actor_when_someone_else_acted() {
        String line = JsonLinesAuditLog.toJson(new AuditEvent(AuditEvent.Type.ROLE_ASSIGNED, "jane", ClientAddress.LOCAL,
                Instant.parse("2026-11-22T10:15:30.123Z"), AuditEvent.CONSOLE));

        assertEquals("{\"ts\":\"2026-11-22T10:15:30.123Z\",\"event\":\"role_assigned\",\"subject\":\"jane\","
                + "\"client\":\"local\",\"actor\":\"(console)\"}", line);
    }

    @Test
    void writes_the_time_in_utc_with_exactly_three_decimals() {
        log.record(new AuditEvent(AuditEvent.Type.LOGIN_SUCCEEDED, "jane", ClientAddress.LOCAL, Instant.parse("2026-01-02T03:04:05Z")));
        log.record(new AuditEvent(AuditEvent.Type.LOGIN_SUCCEEDED, "jane", ClientAddress.LOCAL, Instant.parse("2026-12-31T23:59:59.999999999Z")));

        assertEquals("2026-01-02T03:04:05.000Z", parse(lines.get(0)).asJsonObject().getString("ts"));
        assertEquals("2026-12-31T23:59:59.999Z", parse(lines.get(1)).asJsonObject().getString("ts"));
    }

    @ParameterizedTest
    @EnumSource(AuditEvent.Type.class)
    void names_every_event_type_in_lower_case(AuditEvent.Type type) {
        log.record(new AuditEvent(type, "jane", ClientAddress.LOCAL, Instant.EPOCH));

        assertEquals(type.name().toLowerCase(Locale.ROOT), parse(lines.getFirst()).asJsonObject().getString("event"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quo\"te", "back\\slash", "new\nline", "cr\rtab\tbs\bff\f", "\u0000\u0001\u001f",
        "del\u007f", "separators\u2028\u2029", "ünïcödé 密码 🔑", "{\"password\":\"x\"}", ""})
    void escapes_any_text_so_it_parses_back_unchanged_on_one_line(String text) {
        String json = JsonLinesAuditLog.jsonString(text);

        assertEquals(text, ((JsonString) parse(json)).getString());
        assertTrue(json.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029), json);
    }

    @Test
    void a_hostile_username_stays_inside_its_field() {
        log.record(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "x\",\"event\":\"login_succeeded\\\n{}", ClientAddress.LOCAL, Instant.EPOCH));

        JsonObject json = parse(lines.getFirst()).asJsonObject();
        assertEquals("login_failed", json.getString("event"));
        assertEquals(4, json.size());
        assertFalse(lines.getFirst().contains("\n"));
    }

    @Test
    void a_failing_sink_does_not_fail_the_caller_and_the_warning_leaves_the_subject_out() {
        JsonLinesAuditLog failing = new JsonLinesAuditLog(line -> {
            throw new IllegalStateException("disk full while writing " + line);
        });

        try (CapturedLog warnings = CapturedLog.of(JsonLinesAuditLog.class)) {
            failing.record(FAILED_LOGIN);
            failing.record(null);

            List<String> messages = warnings.messagesAt(Level.WARNING);
            assertEquals(2, messages.size(), messages.toString());
            assertTrue(messages.getFirst().contains("login_failed"), messages.getFirst());
            assertTrue(messages.getFirst().contains("IllegalStateException"), messages.getFirst());
            assertFalse(messages.getFirst().contains("jane"), messages.getFirst());
        }
    }

    @Test
    void to_logger_writes_each_line_at_info_to_the_gatehouse_audit_logger() {
        try (CapturedLog audit = CapturedLog.of("gatehouse.audit")) {
            JsonLinesAuditLog.toLogger().record(FAILED_LOGIN);

            assertEquals(List.of(JsonLinesAuditLog.toJson(FAILED_LOGIN)), audit.messagesAt(Level.INFO));
            assertEquals(JsonLinesAuditLog.LOGGER_NAME, audit.records().getFirst().getLoggerName());
        }
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
