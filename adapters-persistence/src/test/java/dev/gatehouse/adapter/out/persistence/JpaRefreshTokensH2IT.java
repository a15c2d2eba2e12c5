package dev.gatehouse.adapter.out.persistence;

/** The refresh token contract on H2 in PostgreSQL mode, the embedded production option, one fresh database per test. */
class JpaRefreshTokensH2IT extends JpaRefreshTokensITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
