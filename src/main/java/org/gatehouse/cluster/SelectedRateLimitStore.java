package org.gatehouse.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.gatehouse.config.ClusterConfig;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.LimitRate;
import org.gatehouse.ratelimit.LocalRateLimitStore;
import org.gatehouse.ratelimit.RateLimitStore;
import org.gatehouse.ratelimit.Verdict;

/**
 * The {@link RateLimitStore} that callers get (an alternative selected over
 * {@link LocalRateLimitStore}'s own bean): the buckets in this process on a single node, the
 * buckets in PostgreSQL ({@link PostgresRateLimitStore}) when {@code gatehouse.cluster.enabled}.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class SelectedRateLimitStore implements RateLimitStore {

    @Inject
    ClusterConfig config;

    @Inject
    Instance<LocalRateLimitStore> local;

    @Inject
    Instance<PostgresRateLimitStore> shared;

    private RateLimitStore chosen;

    @PostConstruct
    void choose() {
        chosen = config.enabled() ? shared.get() : local.get();
    }

    @Override
    public Verdict tryConsume(LimitName limit, LimitRate rate, String key) {
        return chosen.tryConsume(limit, rate, key);
    }

    @Override
    public Verdict probe(LimitName limit, LimitRate rate, String key) {
        return chosen.probe(limit, rate, key);
    }
}
