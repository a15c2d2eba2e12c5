package dev.gatehouse.adapter.out.persistence;

/** The second-factor contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaTwoFactorCredentialsPostgresIT extends JpaTwoFactorCredentialsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
