package org.gatehouse.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.gatehouse.config.ClusterConfig;
import org.gatehouse.token.RevocationBroadcast;

/**
 * Chooses the cluster adapters by {@code gatehouse.cluster.enabled}: on a single node the ports
 * keep their in-process implementations; in a cluster they are PostgreSQL's
 * ({@link PostgresRevocations}), started with the application so that a misconfigured node fails
 * its deployment.
 */
@ApplicationScoped
public class ClusterWiring {

    @Inject
    ClusterConfig config;

    @Inject
    Instance<PostgresRevocations> postgresRevocations;

    @Produces
    RevocationBroadcast revocationBroadcast() {
        return config.enabled() ? postgresRevocations.get() : RevocationBroadcast.SINGLE_NODE;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (config.enabled()) {
            postgresRevocations.get().start();
        }
    }
}
