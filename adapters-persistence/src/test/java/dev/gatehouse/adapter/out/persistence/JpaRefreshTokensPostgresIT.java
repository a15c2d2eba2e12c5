package dev.gatehouse.adapter.out.persistence;

/** The refresh token contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaRefreshTokensPostgresIT extends JpaRefreshTokensITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
