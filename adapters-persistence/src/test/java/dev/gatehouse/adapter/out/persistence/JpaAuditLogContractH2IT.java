package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAuditLogContractITBase} on H2. */
class JpaAuditLogContractH2IT extends JpaAuditLogContractITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
