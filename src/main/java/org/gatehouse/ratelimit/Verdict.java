package org.gatehouse.ratelimit;

/**
 * The answer of a {@link RateLimitStore}: whether the action may proceed and, when it may not, how
 * long until it may.
 *
 * @param retryAfterMs milliseconds until a token is available; 0 when {@code allowed}
 */
public record Verdict(boolean allowed, long retryAfterMs) {

    public static final Verdict ALLOWED = new Verdict(true, 0);

    /** A refusal with the wait rounded up to whole milliseconds (at least one). */
    public static Verdict waitNanos(long nanos) {
        return new Verdict(false, Math.max(1, (nanos + 999_999) / 1_000_000));
    }
}
