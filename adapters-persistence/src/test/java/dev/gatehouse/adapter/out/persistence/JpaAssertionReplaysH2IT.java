package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAssertionReplaysITBase} on H2. */
class JpaAssertionReplaysH2IT extends JpaAssertionReplaysITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
