package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.testing.AuditLogContract;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;

/** {@link JpaAuditLog} keeps to the audit log contract; its rows read back with plain JDBC. */
abstract class JpaAuditLogContractITBase extends AuditLogContract {

    private final OpenDatabases databases = new OpenDatabases();
    private Database database;

    protected abstract DatabaseSettings freshSettings();

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Override
    protected AuditLog newEmptyLog() {
        database = databases.open(freshSettings());
        return database.auditLog();
    }

    @Override
    protected List<AuditEvent> recorded() {
        List<AuditEvent> events = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT event_type, subject, client_address, occurred_at, actor FROM audit_events")) {
            while (rows.next()) {
                events.add(new AuditEvent(AuditEvent.Type.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)),
                        rows.getString(2), new ClientAddress(rows.getString(3)),
                        rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
