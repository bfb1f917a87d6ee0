package org.gatehouse.ratelimit;

import java.time.Duration;

/**
 * A token bucket's shape: it holds at most {@code burst} tokens and regains {@code perSecond}
 * tokens a second (one token every {@link #refillPeriod()}).
 */
public record LimitRate(double perSecond, long burst) {

    /** The time in which one token comes back; at least one nanosecond. */
    public Duration refillPeriod() {
        return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / perSecond)));
    }
}
