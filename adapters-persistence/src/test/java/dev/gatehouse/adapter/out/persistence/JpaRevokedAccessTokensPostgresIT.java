package dev.gatehouse.adapter.out.persistence;

/** {@link JpaRevokedAccessTokensITBase} on Postgres. */
class JpaRevokedAccessTokensPostgresIT extends JpaRevokedAccessTokensITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
