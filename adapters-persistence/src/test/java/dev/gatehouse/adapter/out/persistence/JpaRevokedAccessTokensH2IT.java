package dev.gatehouse.adapter.out.persistence;

/** {@link JpaRevokedAccessTokensITBase} on H2. */
class JpaRevokedAccessTokensH2IT extends JpaRevokedAccessTokensITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
