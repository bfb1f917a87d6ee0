package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.cluster.*}: {@code enabled} (false) makes this node one of several
 * that share one PostgreSQL database behind a load balancer. The nodes then tell each other of
 * every token revocation through PostgreSQL's {@code LISTEN}/{@code NOTIFY} and keep their rate
 * limits in the database, so that neither depends on the node a request reaches.
 *
 * <p>A cluster needs every key that derives or signs a token to be the same on all nodes, so
 * {@code gatehouse.tokens.refresh-secret} and {@code gatehouse.tokens.macaroon.secret-key} are
 * required when it is on (a random key per process would make a retried refresh or a login
 * token from another node fail).
 */
@ApplicationScoped
public class ClusterConfig implements ValidatedConfig {

    private boolean enabled;
    private TokenConfig tokens;
    private MacaroonConfig macaroons;

    protected ClusterConfig() {
    }

    @Inject
    public ClusterConfig(@ConfigProperty(name = "gatehouse.cluster.enabled", defaultValue = "false") boolean enabled,
                         TokenConfig tokens, MacaroonConfig macaroons) {
        this.enabled = enabled;
        this.tokens = tokens;
        this.macaroons = macaroons;
    }

    /** Whether this node is one of a cluster. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void validate(ConfigProblems problems) {
        if (!enabled) {
            return;
        }
        problems.require(tokens.refreshSecret().isPresent(),
                "gatehouse.tokens.refresh-secret must be set, the same on every node, when gatehouse.cluster.enabled=true");
        problems.require(macaroons.secretKey().isPresent(),
                "gatehouse.tokens.macaroon.secret-key must be set, the same on every node, when gatehouse.cluster.enabled=true");
    }
}
