package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Opaque access tokens {@code gha_<random>_<checksum>} ({@link OpaqueTokens}); everything about
 * them lives in the database.
 */
@ApplicationScoped
public class OpaqueAccessTokenStrategy implements AccessTokenStrategy {

    static final String PREFIX = "gha";

    @Override
    public String format() {
        return "opaque";
    }

    @Override
    public String mint(TokenClaims claims) {
        return OpaqueTokens.assemble(PREFIX, claims.nonce());
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(PREFIX + "_");
    }

    @Override
    public TokenCheck verifyWithoutDatabase(String token, Instant now) {
        return OpaqueTokens.isWellFormed(token, PREFIX) ? TokenCheck.PASSES : TokenCheck.FAILS;
    }
}
