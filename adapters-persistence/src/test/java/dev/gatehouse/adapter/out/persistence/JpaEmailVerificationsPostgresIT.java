package dev.gatehouse.adapter.out.persistence;

/** The verification-link contract on PostgreSQL (embedded, or GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaEmailVerificationsPostgresIT extends JpaEmailVerificationsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
