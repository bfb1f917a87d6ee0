package org.gatehouse.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.config.ClusterConfig;
import org.gatehouse.token.RevocationBroadcast;

/**
 * Chooses the {@link RevocationBroadcast} by {@code gatehouse.cluster.enabled} (the rate-limit
 * store is chosen by {@link SelectedRateLimitStore}): on a single node the in-process one, in a
 * cluster PostgreSQL's ({@link PostgresRevocations}), whose listener starts with the application
 * so that a misconfigured node fails its deployment. In a cluster, expired bucket rows of
 * {@link PostgresRateLimitStore} are purged once a minute.
 */
@ApplicationScoped
public class ClusterWiring {

    private static final Logger LOG = Logger.getLogger(ClusterWiring.class.getName());
    private static final int PURGE_BATCH = 10_000;

    @Inject
    ClusterConfig config;

    @Inject
    Instance<PostgresRevocations> postgresRevocations;

    @Inject
    Instance<PostgresRateLimitStore> postgresBuckets;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> purge;

    @Produces
    RevocationBroadcast revocationBroadcast() {
        return config.enabled() ? postgresRevocations.get() : RevocationBroadcast.SINGLE_NODE;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (config.enabled()) {
            postgresRevocations.get().start();
            purge = scheduler.scheduleWithFixedDelay(this::purgeExpiredBuckets, 1, 1, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (purge != null) {
            purge.cancel(false);
        }
    }

    private void purgeExpiredBuckets() {
        try {
            postgresBuckets.get().purgeExpired(PURGE_BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not purge expired rate-limit buckets", e);
        }
    }
}
