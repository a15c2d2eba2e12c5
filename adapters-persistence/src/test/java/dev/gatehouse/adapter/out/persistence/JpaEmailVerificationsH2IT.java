package dev.gatehouse.adapter.out.persistence;

/** The verification-link contract on H2 in PostgreSQL mode, one fresh database per test. */
class JpaEmailVerificationsH2IT extends JpaEmailVerificationsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
