package org.gatehouse.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL-specific part of {@link PostgresRevocations}: a connection that {@code LISTEN}s
 * on one channel and waits for its notifications, through the PostgreSQL JDBC driver's own API
 * ({@code org.postgresql.PGConnection}, unwrapped from the server's pooled connection). Loaded
 * only when the cluster mode is on, so a deployment without the driver never needs its classes.
 */
final class PgNotifications {

    /** A connection that saw nothing for this long is checked with a query, so a dead one is noticed. */
    private static final long CHECK_AFTER_QUIET_MS = 10_000;

    private final Connection connection;
    private final PGConnection driver;
    private long lastHeardAt = System.nanoTime();

    private PgNotifications(Connection connection, PGConnection driver) {
        this.connection = connection;
        this.driver = driver;
    }

    /**
     * Starts listening on {@code channel} (a plain identifier) with {@code connection}, which must
     * be in auto-commit mode: PostgreSQL delivers notifications only between transactions.
     *
     * @throws SQLException when the connection is not PostgreSQL's or {@code LISTEN} fails
     */
    static PgNotifications listen(Connection connection, String channel) throws SQLException {
        PGConnection driver = connection.unwrap(PGConnection.class);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel);
        }
        return new PgNotifications(connection, driver);
    }

    /** Whether the PostgreSQL driver's classes can be loaded by the application. */
    static boolean driverVisible() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgNotifications.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The payloads of the notifications that arrive within {@code timeoutMs} (empty if none),
     * in commit order.
     *
     * @throws SQLException when the connection is broken
     */
    List<String> await(int timeoutMs) throws SQLException {
        PGNotification[] arrived = driver.getNotifications(timeoutMs);
        long now = System.nanoTime();
        if (arrived == null || arrived.length == 0) {
            if (now - lastHeardAt > CHECK_AFTER_QUIET_MS * 1_000_000) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeardAt = now;
            }
            return List.of();
        }
        lastHeardAt = now;
        List<String> payloads = new ArrayList<>(arrived.length);
        for (PGNotification notification : arrived) {
            payloads.add(notification.getParameter());
        }
        return payloads;
    }
}
