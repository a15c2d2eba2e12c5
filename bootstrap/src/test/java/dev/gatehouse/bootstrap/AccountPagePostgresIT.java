package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** The account page over HTTP on PostgreSQL. */
class AccountPagePostgresIT extends AccountPageITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshPostgres();
    }
}
