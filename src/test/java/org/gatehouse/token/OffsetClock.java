package org.gatehouse.token;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: a selected alternative to {@code infra/Randomness}' {@link Clock} producer — the system
 * clock plus an offset that {@link ClockResource} advances — so tests can expire tokens without
 * sleeping. Added only to the deployments of the test classes that need it.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class OffsetClock {

    /** Milliseconds added to the system clock; lives as long as the deployment. */
    static final AtomicLong OFFSET_MS = new AtomicLong();

    @Produces
    Clock clock() {
        return new Shifted(ZoneOffset.UTC);
    }

    /** The system clock shifted by {@link #OFFSET_MS}, read on every call. */
    static final class Shifted extends Clock {

        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Shifted(other);
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + OFFSET_MS.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
