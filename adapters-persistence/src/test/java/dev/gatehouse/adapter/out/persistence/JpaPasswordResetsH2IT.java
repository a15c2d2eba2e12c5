package dev.gatehouse.adapter.out.persistence;

/** The reset-link contract on H2 in PostgreSQL mode, one fresh database per test. */
class JpaPasswordResetsH2IT extends JpaPasswordResetsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
