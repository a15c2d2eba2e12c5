package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** The account page over HTTP on H2 (PostgreSQL mode). */
class AccountPageH2IT extends AccountPageITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshH2();
    }
}
