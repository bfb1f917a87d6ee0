package org.gatehouse.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UniqueViolationsRetryTest {

    private static PersistenceException uniqueViolation() {
        return new PersistenceException(new SQLException("duplicate key", UniqueViolations.UNIQUE_VIOLATION));
    }

    @Test
    void aLostRaceIsTriedOnceMore() {
        AtomicInteger calls = new AtomicInteger();
        String result = UniqueViolations.retryOnce(() -> {
            if (calls.incrementAndGet() == 1) {
                throw uniqueViolation();
            }
            return "found";
        });
        assertEquals("found", result);
        assertEquals(2, calls.get());
    }

    @Test
    void aSecondLostRaceIsNotTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(PersistenceException.class, () -> UniqueViolations.retryOnce(() -> {
            calls.incrementAndGet();
            throw uniqueViolation();
        }));
        assertEquals(2, calls.get());
    }

    @Test
    void anyOtherFailureIsRethrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        PersistenceException other = new PersistenceException(new SQLException("connection lost", "08006"));
        PersistenceException thrown = assertThrows(PersistenceException.class, () -> UniqueViolations.retryOnce(() -> {
            calls.incrementAndGet();
            throw other;
        }));
        assertSame(other, thrown);
        assertEquals(1, calls.get());
    }
}
