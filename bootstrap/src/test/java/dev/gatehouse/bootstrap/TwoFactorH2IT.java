package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** Two-factor sign-in over HTTP, two instances on one H2 database (PostgreSQL mode). */
class TwoFactorH2IT extends TwoFactorITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshH2();
    }
}
