package dev.gatehouse.adapter.out.persistence;

/** {@link JpaAuthorizationCodesITBase} on PostgreSQL. */
class JpaAuthorizationCodesPostgresIT extends JpaAuthorizationCodesITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
