package org.gatehouse.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RegistrationTokenRulesTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void tokenWithoutLimitsIsUsable() {
        assertTrue(RegistrationTokenRules.isUsable(null, 100, 1000, null, NOW));
    }

    @Test
    void tokenExpiringLaterIsUsable() {
        assertTrue(RegistrationTokenRules.isUsable(null, 0, 0, NOW + 1, NOW));
    }

    @Test
    void tokenExpiringNowIsNotUsable() {
        assertFalse(RegistrationTokenRules.isUsable(null, 0, 0, NOW, NOW));
    }

    @Test
    void tokenThatExpiredIsNotUsable() {
        assertFalse(RegistrationTokenRules.isUsable(null, 0, 0, NOW - 1, NOW));
    }

    @Test
    void tokenWithUsesLeftIsUsable() {
        assertTrue(RegistrationTokenRules.isUsable(3L, 1, 1, null, NOW));
    }

    @Test
    void pendingUsesCountAgainstUsesAllowed() {
        assertFalse(RegistrationTokenRules.isUsable(2L, 1, 1, null, NOW));
    }

    @Test
    void completedUsesCountAgainstUsesAllowed() {
        assertFalse(RegistrationTokenRules.isUsable(2L, 0, 2, null, NOW));
    }

    @Test
    void tokenAllowingNoUsesIsNotUsable() {
        assertFalse(RegistrationTokenRules.isUsable(0L, 0, 0, null, NOW));
    }

    @Test
    void opaqueIdentifierCharactersAreWellFormed() {
        assertTrue(RegistrationTokenRules.isWellFormed("aZ09._~-"));
    }

    @Test
    void tokenOfSixtyFourCharactersIsWellFormed() {
        assertTrue(RegistrationTokenRules.isWellFormed("a".repeat(64)));
    }

    @Test
    void tokenOfSixtyFiveCharactersIsMalformed() {
        assertFalse(RegistrationTokenRules.isWellFormed("a".repeat(65)));
    }

    @Test
    void emptyTokenIsMalformed() {
        assertFalse(RegistrationTokenRules.isWellFormed(""));
    }

    @Test
    void tokenWithSlashOrSpaceIsMalformed() {
        assertFalse(RegistrationTokenRules.isWellFormed("a/b"));
        assertFalse(RegistrationTokenRules.isWellFormed("a b"));
    }

    @Test
    void generatedTokenHasTheLengthAskedForAndIsWellFormed() {
        for (int length : new int[] {1, 16, 64}) {
            String token = RegistrationTokenRules.generate(length, RANDOM);
            assertEquals(length, token.length());
            assertTrue(RegistrationTokenRules.isWellFormed(token), token);
        }
    }

    @Test
    void generatingOutsideOneToSixtyFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RegistrationTokenRules.generate(0, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> RegistrationTokenRules.generate(65, RANDOM));
    }

    @Test
    void aChosenTokenMustHaveAtLeastEightCharacters() {
        assertFalse(RegistrationTokenRules.isAcceptableChoice("abc1234"));
        assertTrue(RegistrationTokenRules.isAcceptableChoice("abcd1234"));
        assertFalse(RegistrationTokenRules.isAcceptableChoice("abcd 1234"));
    }
}
