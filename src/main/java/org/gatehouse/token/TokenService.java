package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.TokenConfig;
import org.gatehouse.device.Device;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;

/**
 * Issues, verifies and revokes access tokens (spec: "Client Authentication", "Using access
 * tokens", "Relationship between access tokens and devices").
 */
@ApplicationScoped
public class TokenService {

    /** Longer values are not tokens this server issued; rejected before any other work. */
    static final int MAX_TOKEN_LENGTH = 1024;

    @Inject
    @Any
    Instance<AccessTokenStrategy> strategies;

    @Inject
    TokenConfig config;

    @Inject
    ServerConfig server;

    @Inject
    AccessTokenRepository tokens;

    @Inject
    Clock clock;

    private Map<String, AccessTokenStrategy> byFormat;

    @PostConstruct
    void collectStrategies() {
        Map<String, AccessTokenStrategy> found = new LinkedHashMap<>();
        strategies.forEach(strategy -> found.put(strategy.format(), strategy));
        byFormat = Map.copyOf(found);
    }

    /**
     * Issues a new access token for {@code device} in the configured format and stores its hash.
     *
     * @param expiresAt epoch milliseconds of expiry, or {@code null} for a token that does not expire
     */
    @Transactional
    public String issue(User user, Device device, Long expiresAt) {
        String userId = "@" + user.localpart() + ":" + server.serverName();
        String token = issuing().mint(new TokenClaims(userId, device.deviceId(), expiresAt));
        tokens.insert(new AccessToken(TokenHashes.sha256(token), user, device, clock.millis(), expiresAt));
        return token;
    }

    /**
     * The requester that {@code token} authenticates.
     *
     * @throws MatrixException 401 {@code M_UNKNOWN_TOKEN} when the token is malformed, unknown,
     *                         revoked or belongs to a deactivated account ({@code soft_logout:
     *                         false}), or has expired ({@code soft_logout: true})
     */
    public Requester authenticate(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw unknownToken(false);
        }
        AccessTokenStrategy strategy = byFormat.values().stream()
                .filter(candidate -> candidate.recognises(token))
                .findFirst()
                .orElseThrow(() -> unknownToken(false));
        if (!strategy.verifyWithoutDatabase(token, clock.instant())) {
            throw unknownToken(false);
        }
        TokenOwner owner = tokens.findOwner(TokenHashes.sha256(token)).orElseThrow(() -> unknownToken(false));
        if (owner.deactivated()) {
            throw unknownToken(false);
        }
        if (owner.expiresAt() != null && owner.expiresAt() <= clock.millis()) {
            throw unknownToken(true);
        }
        return new Requester(owner.userRef(), "@" + owner.localpart() + ":" + server.serverName(),
                owner.deviceRef(), owner.deviceId(), owner.tokenId(), owner.guest(), owner.admin());
    }

    /** Revokes every token of the device. */
    @Transactional
    public void revokeDevice(long deviceRef) {
        tokens.deleteByDevice(deviceRef);
    }

    /** Revokes every token of the user. */
    @Transactional
    public void revokeUser(long userRef) {
        tokens.deleteByUser(userRef);
    }

    private AccessTokenStrategy issuing() {
        AccessTokenStrategy strategy = byFormat.get(config.format());
        if (strategy == null) {
            throw new IllegalStateException("No access token strategy for format " + config.format()
                    + "; known: " + byFormat.keySet());
        }
        return strategy;
    }

    private static MatrixException unknownToken(boolean softLogout) {
        return new MatrixException(401, ErrCode.M_UNKNOWN_TOKEN,
                softLogout ? "Access token has expired" : "Unrecognised access token",
                Map.of("soft_logout", softLogout));
    }
}
