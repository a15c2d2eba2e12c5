package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAuthorizationCodesITBase} on H2. */
class JpaAuthorizationCodesH2IT extends JpaAuthorizationCodesITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
