package dev.gatehouse.adapter.out.persistence;

/** {@link JpaConsentsITBase} on PostgreSQL. */
class JpaConsentsPostgresIT extends JpaConsentsITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
