package dev.gatehouse.adapter.out.persistence;

/** {@link JpaSigningKeyRepositoryTests} on H2 in PostgreSQL mode, the embedded production option. */
class JpaSigningKeyRepositoryH2IT extends JpaSigningKeyRepositoryTests {

    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.freshH2();
    }
}
