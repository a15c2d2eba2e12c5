package dev.gatehouse.adapter.out.persistence;

/** The login throttle contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), two instances on each fresh database. */
class JpaLoginThrottlePostgresIT extends JpaLoginThrottleITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
