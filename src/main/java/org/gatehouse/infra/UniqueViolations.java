package org.gatehouse.infra;

import jakarta.persistence.EntityExistsException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tells a unique-constraint violation (a row raced in by a concurrent request) from every other
 * database failure, so that a catch block maps only what it means: the violation may become a
 * Matrix error such as {@code M_USER_IN_USE}; anything else (a lost connection, a full disk, a
 * column too short) is rethrown, logged and answered 500 {@code M_UNKNOWN}.
 *
 * <p>Standard JDBC and JPA only: SQLSTATE {@value #UNIQUE_VIOLATION} anywhere in the cause chain
 * (PostgreSQL and H2 both report it), or JPA's {@link EntityExistsException}.
 */
public final class UniqueViolations {

    /** The SQLSTATE of a unique violation (SQL standard class 23, integrity constraint). */
    static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** Whether {@code failure} is, or was caused by, a unique-constraint violation. */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof EntityExistsException) {
                return true;
            }
            if (cause instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code attempt}, and once more when it fails with a unique violation: for work that
     * makes a row on first use (an account on a first login), where the loser of a race with a
     * concurrent request finds, on its second try, the row the winner committed.
     */
    public static <T> T retryOnce(Supplier<T> attempt) {
        return retryOnceIf(UniqueViolations::causedBy, attempt);
    }

    /** {@link #retryOnce}, for callers that also tell a lost race by another failure ({@code lostRace}). */
    public static <T> T retryOnceIf(Predicate<RuntimeException> lostRace, Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            if (!lostRace.test(e)) {
                throw e;
            }
            return attempt.get();
        }
    }

    private static boolean isUniqueViolation(SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
            if (next.getNextException() == next) {
                return false;
            }
        }
        return false;
    }
}
