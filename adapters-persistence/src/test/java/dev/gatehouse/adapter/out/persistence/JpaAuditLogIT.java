package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit trail in the database on both vendors, read back with plain JDBC, and its failures kept from callers. */
class JpaAuditLogIT {

    private static final String VENDORS = "dev.gatehouse.adapter.out.persistence.DatabaseIT#vendors";
    private static final AuditEvent FAILED_LOGIN = new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "Jane.Roe",
            new ClientAddress("2001:db8::1"), Instant.parse("2026-11-22T10:15:30.123456Z"));

    private final OpenDatabases databases = new OpenDatabases();

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VENDORS)
    void writes_every_field_of_an_event_to_a_row(String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        Database database = databases.open(fresh.get());

        database.auditLog().record(FAILED_LOGIN);

        List<Row> rows = rows(database);
        assertEquals(1, rows.size());
        Row row = rows.getFirst();
        assertNotNull(row.id());
        assertEquals(FAILED_LOGIN.occurredAt(), row.occurredAt());
        assertEquals("login_failed", row.eventType());
        assertEquals("Jane.Roe", row.subject());
        assertEquals("2001:db8::1", row.clientAddress());
        assertEquals(null, row.actor(), "the subject acted alone");
        assertSame(database.auditLog(), database.auditLog());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VENDORS)
    void records_who_acted_on_someone_else_s_account(String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        Database database = databases.open(fresh.get());

        database.auditLog().record(new AuditEvent(AuditEvent.Type.USER_DISABLED, "jane", ClientAddress.LOCAL,
                Instant.parse("2026-11-22T10:15:30Z"), "root"));

        Row row = rows(database).getFirst();
        assertEquals("user_disabled", row.eventType());
        assertEquals("jane", row.subject());
        assertEquals("root", row.actor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VENDORS)
    void gives_every_event_its_own_row_even_when_two_are_alike(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        Database database = databases.open(fresh.get());
        AuditEvent throttled = new AuditEvent(AuditEvent.Type.LOGIN_THROTTLED, "", ClientAddress.LOCAL,
                Instant.parse("2026-11-22T10:15:31.999999999Z"));

        database.auditLog().record(FAILED_LOGIN);
        database.auditLog().record(FAILED_LOGIN);
        database.auditLog().record(throttled);

        List<Row> rows = rows(database);
        assertEquals(3, rows.size());
        assertEquals(3, rows.stream().map(Row::id).distinct().count());
        Row last = rows.getLast();
        assertEquals("login_throttled", last.eventType());
        assertEquals("", last.subject());
        assertEquals(Instant.parse("2026-11-22T10:15:31.999999Z"), last.occurredAt(), "kept to the microsecond");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VENDORS)
    void a_failing_database_does_not_fail_the_caller_and_the_warning_leaves_the_subject_out(
            String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        Database database = databases.open(fresh.get());
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE audit_events");
        }

        try (CapturedLog log = CapturedLog.of(JpaAuditLog.class)) {
            database.auditLog().record(FAILED_LOGIN);

            assertOneWarningWithoutTheSubject(log);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(VENDORS)
    void a_closed_database_does_not_fail_the_caller(String vendor, Supplier<DatabaseSettings> fresh) {
        Database database = databases.open(fresh.get());
        database.close();

        try (CapturedLog log = CapturedLog.of(JpaAuditLog.class)) {
            database.auditLog().record(FAILED_LOGIN);
            database.auditLog().record(null);

            assertEquals(2, log.messagesAt(Level.WARNING).size());
            assertFalse(log.messagesAt(Level.WARNING).getFirst().contains("Jane.Roe"));
        }
    }

    private static void assertOneWarningWithoutTheSubject(CapturedLog log) {
        List<String> warnings = log.messagesAt(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.getFirst();
        assertTrue(warning.contains("login_failed"), warning);
        assertTrue(warning.contains("2026-11-22T10:15:30.123456Z"), warning);
        assertFalse(warning.contains("Jane.Roe"), warning);
        assertTrue(log.records().stream().allMatch(r -> r.getThrown() == null), "no stack trace: it may quote the statement");
    }

    /** Every row of {@code audit_events}, read with plain JDBC, oldest first. */
    static List<Row> rows(Database database) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT id, occurred_at, event_type, subject, client_address, actor FROM audit_events ORDER BY occurred_at, event_type")) {
            while (result.next()) {
                rows.add(new Row(result.getObject(1, UUID.class), result.getObject(2, OffsetDateTime.class).toInstant(),
                        result.getString(3), result.getString(4), result.getString(5), result.getString(6)));
            }
        }
        return rows;
    }

    record Row(UUID id, Instant occurredAt, String eventType, String subject, String clientAddress, String actor) {

        /** The event this row holds. */
        AuditEvent event() {
            return new AuditEvent(AuditEvent.Type.valueOf(eventType.toUpperCase(java.util.Locale.ROOT)), subject,
                    new ClientAddress(clientAddress), occurredAt, actor);
        }
    }
}
