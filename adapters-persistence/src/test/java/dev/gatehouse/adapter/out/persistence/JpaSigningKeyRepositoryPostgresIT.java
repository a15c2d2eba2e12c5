package dev.gatehouse.adapter.out.persistence;

/** {@link JpaSigningKeyRepositoryTests} on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL). */
class JpaSigningKeyRepositoryPostgresIT extends JpaSigningKeyRepositoryTests {

    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.freshPostgres();
    }
}
