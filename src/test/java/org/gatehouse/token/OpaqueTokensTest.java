package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The opaque token format {@code prefix_random_checksum}. */
class OpaqueTokensTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generatedTokenIsWellFormed() {
        String token = OpaqueTokens.generate("gha", RANDOM);
        assertTrue(token.matches("gha_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}"), token);
        assertTrue(OpaqueTokens.isWellFormed(token, "gha"));
    }

    @Test
    void tokensAreUnique() {
        assertNotEquals(OpaqueTokens.generate("gha", RANDOM), OpaqueTokens.generate("gha", RANDOM));
    }

    @Test
    void aChangedCharacterBreaksTheChecksum() {
        String token = OpaqueTokens.generate("gha", RANDOM);
        char flipped = token.charAt(10) == 'a' ? 'b' : 'a';
        String typo = token.substring(0, 10) + flipped + token.substring(11);
        assertFalse(OpaqueTokens.isWellFormed(typo, "gha"));
    }

    @Test
    void anotherPrefixIsNotWellFormed() {
        assertFalse(OpaqueTokens.isWellFormed(OpaqueTokens.generate("ghr", RANDOM), "gha"));
    }

    @Test
    void malformedInputsAreRejected() {
        for (String bad : new String[] {"", "gha_", "gha_short_abcdef", "x".repeat(10_000), "gha_" + "é".repeat(32) + "_abcdef"}) {
            assertFalse(OpaqueTokens.isWellFormed(bad, "gha"), bad);
        }
        assertFalse(OpaqueTokens.isWellFormed(null, "gha"));
    }

    @Test
    void derivedPartIsDeterministic() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        assertEquals(OpaqueTokens.derivedPart(seed), OpaqueTokens.derivedPart(seed.clone()));
        assertTrue(OpaqueTokens.isWellFormed(OpaqueTokens.assemble("ghr", OpaqueTokens.derivedPart(seed)), "ghr"));
    }

    @Test
    void opaqueStrategyDecidesOnShapeAlone() {
        OpaqueAccessTokenStrategy strategy = new OpaqueAccessTokenStrategy();
        String token = strategy.mint(new TokenClaims("@a:b", "D", null, OpaqueTokens.randomPart(RANDOM)));
        assertTrue(strategy.recognises(token));
        assertEquals(TokenCheck.PASSES, strategy.verifyWithoutDatabase(token, Instant.now()));
        assertEquals(TokenCheck.FAILS, strategy.verifyWithoutDatabase(token + "x", Instant.now()));
    }
}
