package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;

/** The sign-in page's second step over HTTP, two instances on one H2 database (PostgreSQL mode). */
class SignInWithCodeH2IT extends SignInWithCodeITBase {

    @Override
    protected DatabaseSettings freshDatabase() {
        return TestDatabases.freshH2();
    }
}
