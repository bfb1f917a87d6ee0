package org.gatehouse.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only {@link Clock} for a deployment that needs to move time: add this class and
 * {@link AdjustableClockResource} to the archive and every injected {@code Clock} runs
 * {@link #advance advanced} ahead of the system clock. Tests move it with
 * {@code POST /_test/clock/advance/<milliseconds>} ({@link AdjustableClockResource}) instead of sleeping.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class AdjustableClock {

    private static final AtomicLong OFFSET_MS = new AtomicLong();

    /** Wall-clock time plus the offset; replaces the application's producer. */
    @Produces
    Clock clock() {
        return new Offset();
    }

    /** Moves every produced clock {@code millis} ahead. */
    static void advance(long millis) {
        OFFSET_MS.addAndGet(millis);
    }

    private static final class Offset extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(OFFSET_MS.get());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + OFFSET_MS.get();
        }
    }
}
