package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.config.ServerConfig;

/**
 * Macaroon access tokens (libmacaroons v1 format, HMAC-SHA256 chain) with the caveats
 * {@code gen}, {@code type = access}, {@code user_id}, {@code device_id}, {@code nonce} and, for
 * expiring tokens, {@code time <}. What the macaroon buys: a forged or tampered token, or one
 * signed with a retired key, is rejected by this strategy without a database lookup; the
 * database is still consulted for every token that passes, so revocation takes effect at once, and
 * for an expired one, to tell a soft logout from a revoked session.
 */
@ApplicationScoped
public class MacaroonAccessTokenStrategy implements AccessTokenStrategy {

    /** Every serialized v1 macaroon starts with the base64 of the {@code location} packet's hex length. */
    private static final String SERIALIZED_PREFIX = "MDA";

    @Inject
    MacaroonKeys keys;

    @Inject
    ServerConfig server;

    @Override
    public String format() {
        return "macaroon";
    }

    @Override
    public String mint(TokenClaims claims) {
        List<String> caveats = new ArrayList<>(List.of(MacaroonCaveats.GENERATION, "type = access",
                "user_id = " + claims.userId(), "device_id = " + claims.deviceId(), "nonce = " + claims.nonce()));
        if (claims.expiresAt() != null) {
            caveats.add("time < " + claims.expiresAt());
        }
        return Macaroons.mint(keys, server.serverName(), caveats);
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(SERIALIZED_PREFIX);
    }

    @Override
    public TokenCheck verifyWithoutDatabase(String token, Instant now) {
        if (Macaroons.verified(token, "access", keys, now).isPresent()) {
            return TokenCheck.PASSES;
        }
        boolean signedButExpired = Macaroons.verified(token, "access", keys, now, Instant.EPOCH).isPresent();
        return signedButExpired ? TokenCheck.EXPIRED : TokenCheck.FAILS;
    }
}
