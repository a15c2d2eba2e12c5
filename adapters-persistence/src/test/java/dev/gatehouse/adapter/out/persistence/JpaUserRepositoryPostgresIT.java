package dev.gatehouse.adapter.out.persistence;

/** The repository contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaUserRepositoryPostgresIT extends JpaUserRepositoryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
