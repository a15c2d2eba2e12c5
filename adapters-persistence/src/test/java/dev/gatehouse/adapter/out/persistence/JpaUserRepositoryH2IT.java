package dev.gatehouse.adapter.out.persistence;

/** The repository contract on H2 in PostgreSQL mode, the embedded production option, one fresh database per test. */
class JpaUserRepositoryH2IT extends JpaUserRepositoryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
