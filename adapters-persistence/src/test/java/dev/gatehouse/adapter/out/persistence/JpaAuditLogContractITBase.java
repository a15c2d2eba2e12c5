package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.testing.AuditLogContract;
import dev.gatehouse.domain.AuditEvent;
import java.sql.SQLException;
import java.util.List;
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
        try {
            return JpaAuditLogIT.rows(database).stream().map(JpaAuditLogIT.Row::event).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
