package dev.gatehouse.adapter.out.persistence;

/** {@link JpaClientRepositoryITBase} on H2. */
class JpaClientRepositoryH2IT extends JpaClientRepositoryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
