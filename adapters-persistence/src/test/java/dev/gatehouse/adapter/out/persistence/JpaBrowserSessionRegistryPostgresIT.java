package dev.gatehouse.adapter.out.persistence;

/** {@link JpaBrowserSessionRegistryITBase} on PostgreSQL. */
class JpaBrowserSessionRegistryPostgresIT extends JpaBrowserSessionRegistryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshPostgres();
    }
}
