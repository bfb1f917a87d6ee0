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
 * token from another node fail). When it is off, a node that runs without them still works alone,
 * but a second node (or the same node after a restart) would not accept its tokens: starting so
 * logs a warning for each missing key that is in use, the refresh secret always (any client may ask
 * for a refresh token) and the macaroon key when login tokens are enabled.
 */
@ApplicationScoped
public class ClusterConfig implements ValidatedConfig {

    private boolean enabled;
    private TokenConfig tokens;
    private MacaroonConfig macaroons;
    private LoginTokenConfig loginTokens;

    protected ClusterConfig() {
    }

    @Inject
    public ClusterConfig(@ConfigProperty(name = "gatehouse.cluster.enabled", defaultValue = "false") boolean enabled,
                         TokenConfig tokens, MacaroonConfig macaroons, LoginTokenConfig loginTokens) {
        this.enabled = enabled;
        this.tokens = tokens;
        this.macaroons = macaroons;
        this.loginTokens = loginTokens;
    }

    /** Whether this node is one of a cluster. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void validate(ConfigProblems problems) {
        if (!enabled) {
            problems.recommend(tokens.refreshSecret().isPresent(),
                    "gatehouse.tokens.refresh-secret is not set: refreshed tokens are derived with a random key of this"
                            + " process, so a second node (or this node after a restart) will not accept this node's"
                            + " refreshed tokens as a retry; set the same secret on every node");
            problems.recommend(!loginTokens.enabled() || macaroons.secretKey().isPresent(),
                    "gatehouse.tokens.macaroon.secret-key is not set: login tokens are signed with a random key of this"
                            + " process, so a second node (or this node after a restart) will not accept this node's"
                            + " login tokens; set the same key on every node");
            return;
        }
        problems.require(tokens.refreshSecret().isPresent(),
                "gatehouse.tokens.refresh-secret must be set, the same on every node, when gatehouse.cluster.enabled=true");
        problems.require(macaroons.secretKey().isPresent(),
                "gatehouse.tokens.macaroon.secret-key must be set, the same on every node, when gatehouse.cluster.enabled=true");
    }
}
