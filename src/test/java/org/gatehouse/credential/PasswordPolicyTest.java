package org.gatehouse.credential;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.gatehouse.config.PasswordConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static PasswordPolicy policy(int minLength, boolean digit, boolean lower, boolean upper, boolean symbol) {
        return new PasswordPolicy(new PasswordConfig(1024, 1, 1, Optional.empty(), minLength, digit, lower, upper, symbol));
    }

    private static void assertWeak(PasswordPolicy policy, String password, String message) {
        MatrixException e = assertThrows(MatrixException.class, () -> policy.check(password));
        assertEquals(400, e.status());
        assertEquals(ErrCode.M_WEAK_PASSWORD, e.errCode());
        assertEquals(message, e.getMessage());
    }

    @Test
    void passwordShorterThanMinimumIsWeak() {
        assertWeak(policy(8, false, false, false, false), "1234567", "The password must be at least 8 characters long.");
    }

    @Test
    void passwordOfExactlyMinimumLengthIsAccepted() {
        assertDoesNotThrow(() -> policy(8, false, false, false, false).check("12345678"));
    }

    @Test
    void lengthIsCountedInCodePointsNotUtf16Units() {
        assertWeak(policy(4, false, false, false, false), "\uD83D\uDD11\uD83D\uDD11",
                "The password must be at least 4 characters long.");
    }

    @Test
    void characterOutsideTheBasicPlaneCountsAsOne() {
        assertDoesNotThrow(() -> policy(4, false, false, false, false).check("\uD83D\uDD11\uD83D\uDD11ab"));
    }

    @Test
    void emptyPasswordIsAcceptedWhenMinimumIsZero() {
        assertDoesNotThrow(() -> policy(0, false, false, false, false).check(""));
    }

    @Test
    void passwordWithoutDigitIsWeakWhenDigitRequired() {
        assertWeak(policy(0, true, false, false, false), "abcdefgh", "The password must contain at least one digit.");
    }

    @Test
    void passwordWithDigitIsAcceptedWhenDigitRequired() {
        assertDoesNotThrow(() -> policy(0, true, false, false, false).check("abcdefg1"));
    }

    @Test
    void passwordWithoutLowercaseIsWeakWhenLowercaseRequired() {
        assertWeak(policy(0, false, true, false, false), "ABCDEFG1",
                "The password must contain at least one lowercase letter.");
    }

    @Test
    void nonAsciiLowercaseLetterCounts() {
        assertDoesNotThrow(() -> policy(0, false, true, false, false).check("ABC\u00e9"));
    }

    @Test
    void passwordWithoutUppercaseIsWeakWhenUppercaseRequired() {
        assertWeak(policy(0, false, false, true, false), "abcdefg1",
                "The password must contain at least one uppercase letter.");
    }

    @Test
    void passwordWithUppercaseIsAcceptedWhenUppercaseRequired() {
        assertDoesNotThrow(() -> policy(0, false, false, true, false).check("abcdefgH"));
    }

    @Test
    void passwordWithoutSymbolIsWeakWhenSymbolRequired() {
        assertWeak(policy(0, false, false, false, true), "abcDEF12",
                "The password must contain at least one symbol (a character that is neither a letter nor a digit).");
    }

    @Test
    void spaceCountsAsSymbol() {
        assertDoesNotThrow(() -> policy(0, false, false, false, true).check("abc DEF"));
    }

    @Test
    void passwordFollowingEveryRuleIsAccepted() {
        assertDoesNotThrow(() -> policy(8, true, true, true, true).check("Tr0ub4dor&3"));
    }

    @Test
    void rulesAreNotEnforcedWhenDisabled() {
        assertDoesNotThrow(() -> policy(8, false, false, false, false).check("aaaaaaaa"));
    }

    @Test
    void passwordWithUnpairedSurrogateIsAnInvalidParameter() {
        MatrixException e = assertThrows(MatrixException.class,
                () -> policy(0, false, false, false, false).check("abc\uD800def"));
        assertEquals(400, e.status());
        assertEquals(ErrCode.M_INVALID_PARAM, e.errCode());
    }
}
