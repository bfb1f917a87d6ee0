package org.gatehouse.credential;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.gatehouse.config.PasswordConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final byte[] BCRYPT_SALT = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);

    private final PasswordHasher hasher = hasher(1024, 1, 1, null);

    private static PasswordHasher hasher(int memoryKib, int iterations, int parallelism, String pepper) {
        return new PasswordHasher(new PasswordConfig(memoryKib, iterations, parallelism, Optional.ofNullable(pepper),
                8, false, false, false, false));
    }

    private static String bcrypt(String version, String input) {
        return OpenBSDBCrypt.generate(version, input.getBytes(StandardCharsets.UTF_8), BCRYPT_SALT, 4);
    }

    @Test
    void hashedPasswordVerifies() {
        assertTrue(hasher.verify("correct horse battery staple", hasher.hash("correct horse battery staple")));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        assertFalse(hasher.verify("correct horse battery stapler", hasher.hash("correct horse battery staple")));
    }

    @Test
    void hashIsArgon2idPhcStringWithConfiguredParametersSixteenByteSaltAndThirtyTwoByteHash() {
        String hash = hasher(2048, 3, 2, null).hash("secret");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=2048,t=3,p=2\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void hashingTheSamePasswordTwiceUsesDifferentSalts() {
        assertNotEquals(hasher.hash("secret"), hasher.hash("secret"));
    }

    @Test
    void hashFromTheArgon2ReferenceImplementationVerifies() {
        String reference = "$argon2id$v=19$m=1024,t=2,p=2$Z2F0ZWhvdXNlLXNhbHQxNg$QM/h9FjbuFr7buhZahW3vbAA3h25shX+M9TXqRudK2c";
        assertTrue(hasher.verify("correct horse battery staple", reference));
        assertFalse(hasher.verify("correct horse battery stapl", reference));
    }

    @Test
    void nonAsciiPasswordMatchesTheReferenceImplementationsUtf8Hash() {
        String reference = "$argon2id$v=19$m=2048,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$k6OplZyhRi1YRKRuLD/ZyQQU0NksgzzX";
        assertTrue(hasher.verify("p\u00e4ssw\u00f6rd \uD83D\uDD11", reference));
    }

    @Test
    void hashMadeWithOtherParametersStillVerifies() {
        String stored = hasher(2048, 2, 2, null).hash("secret");
        assertTrue(hasher.verify("secret", stored));
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        String password = "p\u00e4ssw\u00f6rd \u5bc6\u7801 \uD83D\uDD11";
        String stored = hasher.hash(password);
        assertTrue(hasher.verify(password, stored));
        assertFalse(hasher.verify("passwörd \u5bc6\u7801 \uD83D\uDD11", stored));
    }

    @Test
    void composedAndDecomposedAccentsAreTheSamePassword() {
        assertTrue(hasher.verify("cafe\u0301", hasher.hash("caf\u00e9")));
    }

    @Test
    void passwordWithUnpairedSurrogateCannotBeHashed() {
        assertThrows(IllegalArgumentException.class, () -> hasher.hash("abc\uD800def"));
    }

    @Test
    void passwordWithUnpairedSurrogateDoesNotVerify() {
        assertFalse(hasher.verify("abc\uD800def", hasher.hash("abc?def")));
    }

    @Test
    void nullPasswordDoesNotVerify() {
        assertFalse(hasher.verify(null, hasher.hash("secret")));
    }

    @Test
    void freshHashDoesNotNeedRehash() {
        assertFalse(hasher.needsRehash(hasher.hash("secret")));
    }

    @Test
    void hashWithOtherMemoryNeedsRehash() {
        assertTrue(hasher.needsRehash(hasher(2048, 1, 1, null).hash("secret")));
    }

    @Test
    void hashWithOtherIterationsNeedsRehash() {
        assertTrue(hasher.needsRehash(hasher(1024, 2, 1, null).hash("secret")));
    }

    @Test
    void hashWithOtherParallelismNeedsRehash() {
        assertTrue(hasher.needsRehash(hasher(1024, 1, 2, null).hash("secret")));
    }

    @Test
    void hashWithOtherLengthNeedsRehash() {
        assertTrue(hasher(2048, 1, 1, null).needsRehash(
                "$argon2id$v=19$m=2048,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$k6OplZyhRi1YRKRuLD/ZyQQU0NksgzzX"));
    }

    @Test
    void bcryptHashNeedsRehash() {
        assertTrue(hasher.needsRehash(bcrypt("2b", "secret")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"plaintext", "$1$abc$def"})
    void missingOrUnknownHashNeedsRehash(String stored) {
        assertTrue(hasher.needsRehash(stored));
    }

    @Test
    void bcrypt2bHashFromSynapseVerifies() {
        String stored = bcrypt("2b", "secret");
        assertTrue(hasher.verify("secret", stored));
        assertFalse(hasher.verify("Secret", stored));
    }

    @Test
    void bcrypt2aAnd2yHashesVerify() {
        assertTrue(hasher.verify("secret", bcrypt("2a", "secret")));
        assertTrue(hasher.verify("secret", bcrypt("2y", "secret")));
    }

    @Test
    void knownBcryptVectorsVerify() {
        assertTrue(hasher.verify("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
        assertTrue(hasher.verify("Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"));
    }

    @Test
    void bcryptHashMadeWithPepperVerifiesWithThatPepperOnly() {
        String stored = bcrypt("2b", "secret" + "pepper!");
        assertTrue(hasher(1024, 1, 1, "pepper!").verify("secret", stored));
        assertFalse(hasher.verify("secret", stored));
        assertFalse(hasher(1024, 1, 1, "other").verify("secret", stored));
    }

    @Test
    void nonAsciiBcryptPasswordIsCheckedAsUtf8() {
        String password = "\u00e9t\u00e9 \u5bc6\u7801";
        assertTrue(hasher.verify(password, bcrypt("2b", password)));
    }

    @Test
    void bcryptPasswordLongerThan72BytesIsCheckedOnItsFirst72Bytes() {
        String password = "x".repeat(100);
        String stored = OpenBSDBCrypt.generate("2b",
                Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 72), BCRYPT_SALT, 4);
        assertTrue(hasher.verify(password, stored));
        assertTrue(hasher.verify("x".repeat(72) + "anything", stored));
    }

    @Test
    void pepperBeyond72BytesIsTruncatedLikeBcryptDoes() {
        String password = "y".repeat(70);
        String stored = OpenBSDBCrypt.generate("2b",
                (password + "pe").getBytes(StandardCharsets.UTF_8), BCRYPT_SALT, 4);
        assertTrue(hasher(1024, 1, 1, "pepper").verify(password, stored));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "plaintext",
            "$1$abc$def",
            "$argon2id$",
            "$argon2id$v=19$m=1024,t=1,p=1$$",
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$",
            "$argon2id$v=19$m=1024,t=1,p=1$A$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=18$m=1024,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=4,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=9999999999,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=1024,t=0,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=1024,t=1,p=0$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=1024,t=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$2b$",
            "$2b$04$short",
            "$2b$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW!",
            "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"})
    void malformedOrUnknownStoredHashDoesNotVerify(String stored) {
        assertFalse(hasher.verify("U*U", stored));
    }

    @Test
    void dummyVerificationAcceptsAnyPassword() {
        assertDoesNotThrow(() -> hasher.verifyDummy("secret"));
        assertDoesNotThrow(() -> hasher.verifyDummy(null));
        assertDoesNotThrow(() -> hasher.verifyDummy("abc\uD800"));
    }

    @Test
    void anInternalErrorIsThrownNotTakenForAWrongPassword() {
        PasswordConfig broken = new PasswordConfig(1024, 1, 1, Optional.empty(), 8, false, false, false, false) {
            @Override
            public String bcryptPepper() {
                throw new IllegalStateException("configuration unreadable");
            }
        };
        PasswordHasher failing = new PasswordHasher(broken);

        assertThrows(IllegalStateException.class, () -> failing.verify("secret", bcrypt("2b", "secret")));
    }

    @Test
    void aMalformedStoredHashIsStillJustNoMatch() {
        assertFalse(hasher.verify("secret", "$2b$04$not-a-real-bcrypt-hash"));
        assertFalse(hasher.verify("secret", "$argon2id$v=19$m=1024,t=1,p=1$%%%$%%%"));
    }
}
