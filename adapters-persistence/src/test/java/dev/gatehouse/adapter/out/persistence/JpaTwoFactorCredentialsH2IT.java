package dev.gatehouse.adapter.out.persistence;

/** The second-factor contract on H2 in PostgreSQL mode, one fresh database per test. */
class JpaTwoFactorCredentialsH2IT extends JpaTwoFactorCredentialsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
