package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Retires a refreshed refresh token once its successor pair is first used (spec: "Refreshing
 * access tokens": the old refresh token remains valid until the new access or refresh token is
 * used). The old refresh token is marked revoked — presenting it later is a replay — and the
 * access token issued with it is deleted.
 */
@ApplicationScoped
public class TokenRetirement {

    @Inject
    AccessTokenRepository accessTokens;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    TokenCache cache;

    @Inject
    Clock clock;

    /** Called on the first use of access token {@code accessTokenRef}, which retires {@code refreshRef}. */
    @Transactional
    public void onFirstUse(long accessTokenRef, long refreshRef) {
        retire(refreshRef);
        accessTokens.clearRetirement(accessTokenRef);
    }

    /** Revokes refresh token {@code refreshRef} and deletes the access token issued with it. */
    @Transactional
    public void retire(long refreshRef) {
        refreshTokens.findById(refreshRef).ifPresent(refresh -> cache.deviceRevoked(refresh.device().id()));
        refreshTokens.revoke(refreshRef, clock.millis());
        accessTokens.deleteByRefreshToken(refreshRef);
    }
}
