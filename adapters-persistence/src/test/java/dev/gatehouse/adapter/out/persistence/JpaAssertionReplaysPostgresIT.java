package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAssertionReplaysITBase} on PostgreSQL. */
class JpaAssertionReplaysPostgresIT extends JpaAssertionReplaysITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
