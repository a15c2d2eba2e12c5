package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** The sign-in page's second step over HTTP, two instances on one PostgreSQL. */
class SignInWithCodePostgresIT extends SignInWithCodeITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshPostgres();
    }
}
