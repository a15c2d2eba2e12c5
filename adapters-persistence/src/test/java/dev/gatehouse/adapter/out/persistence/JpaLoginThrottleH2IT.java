package dev.gatehouse.adapter.out.persistence;

/** The login throttle contract on H2 in PostgreSQL mode, the embedded production option, two instances on each fresh database. */
class JpaLoginThrottleH2IT extends JpaLoginThrottleITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
