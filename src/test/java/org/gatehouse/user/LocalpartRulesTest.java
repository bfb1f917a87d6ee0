package org.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

class LocalpartRulesTest {

    private static final String SERVER = "example.org";

    /** The longest localpart that fits in 255 bytes on {@link #SERVER}. */
    private static final int MAX_LOCALPART = 255 - 2 - SERVER.length();

    @Test
    void normaliseLowercasesAsciiLetters() {
        assertEquals("alice", LocalpartRules.normalise("AlIcE"));
    }

    @Test
    void normaliseLeavesValidLocalpartUnchanged() {
        assertEquals("a.b_c=d-e/f+g9", LocalpartRules.normalise("a.b_c=d-e/f+g9"));
    }

    @Test
    void normaliseKeepsLeadingSigilAndServerName() {
        assertEquals("@alice:example.org", LocalpartRules.normalise("@Alice:Example.org"));
    }

    @Test
    void normaliseDoesNotMapNonAsciiOntoAscii() {
        assertEquals("\u212Aelvin", LocalpartRules.normalise("\u212Aelvin"));
    }

    @Test
    void normalisedUpperCaseUsernameIsValid() {
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(LocalpartRules.normalise("ALICE"), SERVER));
    }

    @Test
    void everyAllowedCharacterIsValidForRegistration() {
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(
                "abcdefghijklmnopqrstuvwxyz0123456789._=-/+", SERVER));
    }

    @Test
    void eachPunctuationCharacterAloneIsValidForRegistration() {
        for (String c : new String[] {".", "_", "=", "-", "/", "+"}) {
            assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(c, SERVER), c);
        }
    }

    @Test
    void leadingUnderscoreIsValidForRegistration() {
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration("_bridge_bot", SERVER));
    }

    @Test
    void digitsOnlyIsValidForRegistration() {
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration("12345", SERVER));
    }

    @Test
    void emptyUsernameIsInvalid() {
        assertInvalid("", SERVER);
    }

    @Test
    void upperCaseLetterIsInvalid() {
        MatrixException e = assertInvalid("Alice", SERVER);
        assertTrue(e.getMessage().contains("'A'"), e.getMessage());
        assertTrue(e.getMessage().contains("upper-case"), e.getMessage());
    }

    @Test
    void everyDisallowedPrintableAsciiCharacterIsInvalid() {
        String allowed = "abcdefghijklmnopqrstuvwxyz0123456789._=-/+";
        for (char c = 0x20; c <= 0x7E; c++) {
            if (allowed.indexOf(c) < 0) {
                assertInvalid("a" + c + "b", SERVER);
            }
        }
    }

    @Test
    void colonIsInvalid() {
        assertInvalid("alice:example.org", SERVER);
    }

    @Test
    void sigilIsInvalid() {
        assertInvalid("@alice", SERVER);
    }

    @Test
    void spaceIsInvalid() {
        MatrixException e = assertInvalid("al ice", SERVER);
        assertTrue(e.getMessage().contains("U+0020"), e.getMessage());
    }

    @Test
    void controlCharacterIsInvalid() {
        assertInvalid("al\u0000ice", SERVER);
        assertInvalid("al\nice", SERVER);
    }

    @Test
    void nonAsciiLetterIsInvalid() {
        MatrixException e = assertInvalid("jérôme", SERVER);
        assertTrue(e.getMessage().contains("U+00E9"), e.getMessage());
    }

    @Test
    void astralCharacterIsNamedByCodePoint() {
        MatrixException e = assertInvalid("cat\uD83D\uDC31", SERVER);
        assertTrue(e.getMessage().contains("U+1F431"), e.getMessage());
    }

    @Test
    void messageListsTheAllowedCharacters() {
        MatrixException e = assertInvalid("a*b", SERVER);
        assertTrue(e.getMessage().contains("'*'"), e.getMessage());
        assertTrue(e.getMessage().contains("a-z, 0-9"), e.getMessage());
    }

    @Test
    void userIdOfExactly255BytesIsValid() {
        String localpart = "a".repeat(MAX_LOCALPART);
        assertEquals(255, ("@" + localpart + ":" + SERVER).getBytes(StandardCharsets.UTF_8).length);
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(localpart, SERVER));
    }

    @Test
    void userIdOf256BytesIsInvalid() {
        MatrixException e = assertInvalid("a".repeat(MAX_LOCALPART + 1), SERVER);
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(MAX_LOCALPART)), e.getMessage());
    }

    @Test
    void lengthLimitCountsTheServerNameWithPort() {
        String server = "example.org:8448";
        String fits = "a".repeat(255 - 2 - server.length());
        assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(fits, server));
        assertInvalid(fits + "a", server);
    }

    @Test
    void isValidForLookupAcceptsCurrentGrammar() {
        assertTrue(LocalpartRules.isValidForLookup("a.b_c=d-e/f+g9"));
    }

    @Test
    void isValidForLookupAcceptsEveryPrintableAsciiExceptColon() {
        for (char c = 0x21; c <= 0x7E; c++) {
            assertEquals(c != ':', LocalpartRules.isValidForLookup("a" + c), "character " + c);
        }
    }

    @Test
    void isValidForLookupAcceptsUpperCase() {
        assertTrue(LocalpartRules.isValidForLookup("Alice"));
    }

    @Test
    void isValidForLookupRejectsEmpty() {
        assertFalse(LocalpartRules.isValidForLookup(""));
    }

    @Test
    void isValidForLookupRejectsNull() {
        assertFalse(LocalpartRules.isValidForLookup(null));
    }

    @Test
    void isValidForLookupRejectsSpace() {
        assertFalse(LocalpartRules.isValidForLookup("al ice"));
    }

    @Test
    void isValidForLookupRejectsControlCharacters() {
        assertFalse(LocalpartRules.isValidForLookup("al\u0000ice"));
        assertFalse(LocalpartRules.isValidForLookup("al\u007Fice"));
    }

    @Test
    void isValidForLookupRejectsNonAscii() {
        assertFalse(LocalpartRules.isValidForLookup("jérôme"));
    }

    @Test
    void generatedLocalpartIsTwelveLowerCaseLettersOrDigitsStartingWithALetter() {
        RandomGenerator random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            String localpart = LocalpartRules.generate(random);
            assertTrue(localpart.matches("[a-z][a-z0-9]{11}"), localpart);
        }
    }

    @Test
    void generatedLocalpartIsAlwaysValidForRegistration() {
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            String localpart = LocalpartRules.generate(random);
            assertDoesNotThrow(() -> LocalpartRules.validateForRegistration(localpart, SERVER), localpart);
        }
    }

    @Test
    void generatedLocalpartCoversBothEndsOfTheAlphabet() {
        assertEquals("aaaaaaaaaaaa", LocalpartRules.generate(fixed(0)));
        assertEquals("z99999999999", LocalpartRules.generate(fixed(-1)));
    }

    @Test
    void generatedLocalpartIsNormalisedAlready() {
        String localpart = LocalpartRules.generate(new SplittableRandom(1));
        assertEquals(localpart, LocalpartRules.normalise(localpart));
    }

    private static MatrixException assertInvalid(String localpart, String serverName) {
        MatrixException e = assertThrows(MatrixException.class,
                () -> LocalpartRules.validateForRegistration(localpart, serverName), localpart);
        assertEquals(400, e.status());
        assertEquals(ErrCode.M_INVALID_USERNAME, e.errCode());
        assertFalse(e.getMessage().isBlank());
        return e;
    }

    /** A generator whose bounded draws always give {@code offset} from the start (or end, if negative). */
    private static RandomGenerator fixed(int offset) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                return offset >= 0 ? offset : bound + offset;
            }
        };
    }
}
