package org.gatehouse.http.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;

/**
 * Recognises a failure caused by the database being unreachable (stopped, restarting, the network
 * to it down, the connection pool unable to open a connection) rather than by the request or a
 * bug, by the standard types and SQL states found anywhere in its cause chain:
 * <ul>
 *   <li>{@link SQLTransientConnectionException}, {@link SQLNonTransientConnectionException},
 *       {@link SQLRecoverableException};</li>
 *   <li>an {@link SQLException} of SQL state class {@code 08} (connection exception) or
 *       PostgreSQL's {@code 57P01}–{@code 57P03} (shutting down, crashed, not accepting
 *       connections yet);</li>
 *   <li>a {@code jakarta.resource.ResourceException}: the server's connection pool could not
 *       hand out a connection (Jakarta Connectors, whatever the server).</li>
 * </ul>
 * Such a failure is answered 503 {@code M_UNKNOWN} with {@code Retry-After}: the request may
 * succeed when repeated once the database is back, and the server itself needs no restart.
 */
public final class DatabaseOutage {

    /** How long a client is asked to wait before it tries again. */
    public static final long RETRY_AFTER_MS = 5_000;

    private static final Set<String> POSTGRES_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 32;

    private DatabaseOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    public static boolean isCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isConnectionFailure(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    /** The answer to such a failure: 503 {@code M_UNKNOWN} with {@code retry_after_ms} (and so {@code Retry-After}). */
    public static MatrixException unavailable() {
        return new MatrixException(503, ErrCode.M_UNKNOWN, "The database is not answering; try again shortly",
                Map.of("retry_after_ms", RETRY_AFTER_MS));
    }

    private static boolean isConnectionFailure(Throwable failure) {
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08") || POSTGRES_UNAVAILABLE.contains(state)) {
                return true;
            }
        }
        return isConnectorFailure(failure.getClass());
    }

    /**
     * Whether the type is (a subtype of) {@code jakarta.resource.ResourceException}, compared by
     * name so that this class loads where the Connectors API is absent (unit tests).
     */
    private static boolean isConnectorFailure(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals("jakarta.resource.ResourceException")) {
                return true;
            }
        }
        return false;
    }
}
