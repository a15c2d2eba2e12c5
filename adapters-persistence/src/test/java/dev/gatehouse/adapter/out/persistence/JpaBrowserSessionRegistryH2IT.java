package dev.gatehouse.adapter.out.persistence;

/** {@link JpaBrowserSessionRegistryITBase} on H2. */
class JpaBrowserSessionRegistryH2IT extends JpaBrowserSessionRegistryITBase {

    @Override
    protected DatabaseSettings freshSettings() {
        return TestDatabases.freshH2();
    }
}
