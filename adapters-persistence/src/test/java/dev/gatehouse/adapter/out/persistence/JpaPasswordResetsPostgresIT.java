package dev.gatehouse.adapter.out.persistence;

/** The reset-link contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaPasswordResetsPostgresIT extends JpaPasswordResetsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
