package dev.gatehouse.adapter.out.persistence;

/** {@link JpaClientRepositoryITBase} on PostgreSQL. */
class JpaClientRepositoryPostgresIT extends JpaClientRepositoryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
