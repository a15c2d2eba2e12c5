package dev.gatehouse.adapter.out.persistence;

/** {@link JpaConsentsITBase} on H2. */
class JpaConsentsH2IT extends JpaConsentsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
