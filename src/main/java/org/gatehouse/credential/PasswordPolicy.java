package org.gatehouse.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.gatehouse.config.PasswordConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * The rules a new password must follow (registration, password change), from
 * {@code gatehouse.passwords.policy.*}. Length is counted in Unicode code points; the character
 * classes are Unicode-aware: a digit is any decimal digit, a lowercase or uppercase letter is any
 * letter of that case, and a symbol is any character that is neither a letter nor a digit
 * (punctuation, spaces, emoji).
 */
@ApplicationScoped
public class PasswordPolicy {

    private PasswordConfig config;

    protected PasswordPolicy() {
    }

    @Inject
    public PasswordPolicy(PasswordConfig config) {
        this.config = config;
    }

    /**
     * Returns normally when {@code password} follows every configured rule.
     *
     * @throws MatrixException 400 {@code M_WEAK_PASSWORD} naming the first rule it breaks, or 400
     *                         {@code M_INVALID_PARAM} when it is not valid Unicode text (an unpaired
     *                         surrogate), which no password hash could store
     */
    public void check(String password) {
        Objects.requireNonNull(password, "password");
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(password)) {
            throw MatrixException.invalidParam("The password is not valid Unicode text.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < config.minLength()) {
            throw weak("The password must be at least " + config.minLength() + " characters long.");
        }
        require(config.requireDigit(), password, Character::isDigit, "The password must contain at least one digit.");
        require(config.requireLowercase(), password, Character::isLowerCase,
                "The password must contain at least one lowercase letter.");
        require(config.requireUppercase(), password, Character::isUpperCase,
                "The password must contain at least one uppercase letter.");
        require(config.requireSymbol(), password, cp -> !Character.isLetterOrDigit(cp),
                "The password must contain at least one symbol (a character that is neither a letter nor a digit).");
    }

    private static void require(boolean enabled, String password, IntPredicate kind, String message) {
        if (enabled && password.codePoints().noneMatch(kind)) {
            throw weak(message);
        }
    }

    private static MatrixException weak(String message) {
        return new MatrixException(400, ErrCode.M_WEAK_PASSWORD, message);
    }
}
