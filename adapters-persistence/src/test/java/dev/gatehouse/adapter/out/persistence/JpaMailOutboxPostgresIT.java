package dev.gatehouse.adapter.out.persistence;

/** The outbox contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaMailOutboxPostgresIT extends JpaMailOutboxITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
