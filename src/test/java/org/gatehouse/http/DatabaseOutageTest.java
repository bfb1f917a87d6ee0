package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.gatehouse.http.error.DatabaseOutage;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

/** Which failures are a database outage (503) and which are not (the request's or a bug's). */
class DatabaseOutageTest {

    @Test
    void refusedConnectionWrappedByThePersistenceProviderIsAnOutage() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        assertTrue(DatabaseOutage.isCause(new PersistenceException("could not prepare statement",
                new RuntimeException("wrapped", refused))));
    }

    @Test
    void postgresShuttingDownIsAnOutage() {
        assertTrue(DatabaseOutage.isCause(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.isCause(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void aPoolThatCannotHandOutAConnectionIsAnOutage() {
        assertTrue(DatabaseOutage.isCause(new SQLException("IJ031041: Connection handle has been closed",
                new ResourceException("IJ000453: Unable to get managed connection"))));
        assertTrue(DatabaseOutage.isCause(new SQLTransientConnectionException("timed out")));
    }

    @Test
    void aUniqueViolationIsNoOutage() {
        assertFalse(DatabaseOutage.isCause(new PersistenceException(new SQLException("duplicate key", "23505"))));
    }

    @Test
    void aBugIsNoOutage() {
        assertFalse(DatabaseOutage.isCause(new IllegalStateException("bug", new NullPointerException())));
    }

    @Test
    void anOutageIsAnswered503WithARetryAfter() {
        MatrixException answer = DatabaseOutage.unavailable();
        assertEquals(503, answer.status());
        assertEquals("M_UNKNOWN", answer.errCode().name());
        assertEquals(DatabaseOutage.RETRY_AFTER_MS, answer.extra().get("retry_after_ms"));
    }
}
