package dev.gatehouse.adapter.out.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.hibernate.exception.ConstraintViolationException;

/** Tells a unique-constraint violation or a lock conflict from other failures, whichever layer (Hibernate, JDBC) reports it. */
final class ConstraintViolations {

    // The SQL standard's state for a unique or primary key violation; PostgreSQL and H2 both report it.
    private static final String UNIQUE_VIOLATION_SQLSTATE = "23505";
    // Guards against a cause chain that loops back on itself.
    private static final int MAX_CAUSES = 32;

    private ConstraintViolations() {
    }

    /** Whether the failure is a violation of any unique or primary key constraint. */
    static boolean isUniqueViolation(Throwable failure) {
        return sqlExceptions(failure).anyMatch(ConstraintViolations::hasUniqueViolationState);
    }

    /** Whether the failure is a violation of the named unique constraint. */
    static boolean isUniqueViolationOf(Throwable failure, String constraint) {
        return causes(failure).anyMatch(t -> t instanceof ConstraintViolationException violation
                        && mentions(violation.getConstraintName(), constraint))
                || sqlExceptions(failure).anyMatch(e -> hasUniqueViolationState(e) && mentions(e.getMessage(), constraint));
    }

    /**
     * Whether the failure is the database giving up a transaction over locks (a deadlock or a serialization
     * failure: SQLSTATE class 40, which PostgreSQL and H2 both use), so that running it again may succeed.
     */
    static boolean isLockConflict(Throwable failure) {
        return sqlExceptions(failure).anyMatch(e -> e.getSQLState() != null && e.getSQLState().startsWith("40"));
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause()).limit(MAX_CAUSES);
    }

    private static Stream<SQLException> sqlExceptions(Throwable failure) {
        return causes(failure)
                .filter(SQLException.class::isInstance)
                .map(SQLException.class::cast)
                .flatMap(sql -> Stream.iterate(sql, Objects::nonNull, SQLException::getNextException).limit(MAX_CAUSES));
    }

    private static boolean hasUniqueViolationState(SQLException e) {
        return UNIQUE_VIOLATION_SQLSTATE.equals(e.getSQLState());
    }

    private static boolean mentions(String text, String constraint) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(constraint);
    }
}
