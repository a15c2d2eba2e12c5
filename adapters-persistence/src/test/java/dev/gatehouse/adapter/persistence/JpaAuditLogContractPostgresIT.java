package dev.gatehouse.adapter.persistence;

/** {@link JpaAuditLogContractITBase} on Postgres. */
class JpaAuditLogContractPostgresIT extends JpaAuditLogContractITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
