package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAuditLogContractITBase} on Postgres. */
class JpaAuditLogContractPostgresIT extends JpaAuditLogContractITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
