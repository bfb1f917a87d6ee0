package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.tokens.cache.*}: the in-process cache of verified access tokens.
 * <ul>
 *   <li>{@code ttl-seconds} (5): how long a verified token is trusted without the database; without
 *       {@code gatehouse.cluster.enabled} also the longest time another node may keep accepting a
 *       token revoked on one node (in a cluster, and on the node that revokes, revocation is
 *       immediate); {@code 0} turns the cache off;</li>
 *   <li>{@code max-entries} (100000): the most tokens held at once.</li>
 * </ul>
 */
@ApplicationScoped
public class TokenCacheConfig implements ValidatedConfig {

    /** Beyond this a revocation on another node outside a cluster would go unnoticed for too long. */
    public static final long MAX_TTL_SECONDS = 300;

    private long ttlSeconds;
    private int maxEntries;

    protected TokenCacheConfig() {
    }

    @Inject
    public TokenCacheConfig(
            @ConfigProperty(name = "gatehouse.tokens.cache.ttl-seconds", defaultValue = "5") long ttlSeconds,
            @ConfigProperty(name = "gatehouse.tokens.cache.max-entries", defaultValue = "100000") int maxEntries) {
        this.ttlSeconds = ttlSeconds;
        this.maxEntries = maxEntries;
    }

    /** How long a verified token is trusted without the database; zero when the cache is off. */
    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(ttlSeconds >= 0 && ttlSeconds <= MAX_TTL_SECONDS,
                "gatehouse.tokens.cache.ttl-seconds must be between 0 and " + MAX_TTL_SECONDS + ", was " + ttlSeconds);
        problems.require(maxEntries >= 1 && maxEntries <= 10_000_000,
                "gatehouse.tokens.cache.max-entries must be between 1 and 10000000, was " + maxEntries);
    }
}
