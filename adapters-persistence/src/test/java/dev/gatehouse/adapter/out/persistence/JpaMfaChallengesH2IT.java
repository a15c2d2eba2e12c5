package dev.gatehouse.adapter.out.persistence;

/** The challenge contract on H2 in PostgreSQL mode, one fresh database per test. */
class JpaMfaChallengesH2IT extends JpaMfaChallengesITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
