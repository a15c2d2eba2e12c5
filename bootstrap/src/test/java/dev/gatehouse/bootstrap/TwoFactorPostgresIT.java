package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** Two-factor sign-in over HTTP, two instances on one PostgreSQL. */
class TwoFactorPostgresIT extends TwoFactorITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshPostgres();
    }
}
