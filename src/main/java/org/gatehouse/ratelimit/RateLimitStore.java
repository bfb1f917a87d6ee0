package org.gatehouse.ratelimit;

/**
 * Where the token buckets live. {@link LocalRateLimitStore} keeps them in this process; a store
 * shared by several servers (a database table, a cluster cache) can replace it as another CDI
 * bean of this type without changing any caller of {@link RateLimiter}.
 *
 * <p>A bucket is identified by the limit and the key; it is created full, with {@code rate}, the
 * first time it is used. Implementations are thread-safe and never throw for a well-formed call.
 */
public interface RateLimitStore {

    /** Takes one token when there is one; the verdict says whether it did. */
    Verdict tryConsume(LimitName limit, LimitRate rate, String key);

    /** Whether a token is available now, taking none. */
    Verdict probe(LimitName limit, LimitRate rate, String key);
}
