package dev.gatehouse.adapter.out.persistence;

/** The challenge contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaMfaChallengesPostgresIT extends JpaMfaChallengesITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
