package dev.gatehouse.adapter.out.persistence;

/** The outbox contract on H2 in PostgreSQL mode, one fresh database per test. */
class JpaMailOutboxH2IT extends JpaMailOutboxITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
