package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;

/** One unit of work in its own entity manager and transaction, as every JPA adapter here runs its calls. */
final class JpaTransactions {

    private JpaTransactions() {
    }

    /**
     * Runs the work and commits; on any failure rolls back and rethrows it, as a
     * {@link StoreUnavailableException} when the database could not be reached.
     */
    static <T> T inTransaction(EntityManagerFactory entityManagerFactory, Function<EntityManager, T> work) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        EntityTransaction transaction = entityManager.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(entityManager);
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            rollBack(transaction, e);
            throw unavailableOr(e);
        } finally {
            entityManager.close();
        }
    }

    /**
     * Connection failures (down, refused, pool exhausted past its timeout, connections killed by a server
     * shutting down) become the port's transient error.
     */
    static RuntimeException unavailableOr(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof JDBCConnectionException || cause instanceof ConnectException
                    || cause instanceof SQLException sql && isConnectionState(sql.getSQLState())
                    // Commit or rollback failed on the JDBC connection itself: the connection broke under us.
                    || cause instanceof TransactionException && cause.getCause() instanceof SQLException) {
                return new StoreUnavailableException("the database cannot be reached: " + cause.getMessage(), failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }

    /** SQLSTATE class 08 (connection exception) and 57P0x (the server is shutting down or restarting). */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    private static void rollBack(EntityTransaction transaction, RuntimeException cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
