package org.gatehouse.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.credential.PasswordVerdict;

/**
 * The failed-password limit ({@link LimitName#LOGIN_FAILED_ATTEMPTS}) around one password check,
 * at login and in the UIA password stage, whichever backend answers.
 *
 * <p>One person can be named in several ways ({@code alice}, {@code CORP\alice},
 * {@code alice@corp.example.org}, an e-mail address), and each name given has a bucket of its own,
 * checked before the (expensive) password check. Once the backend has said whose account the name
 * is ({@link PasswordVerdict#account()}), that account's bucket must not be empty either, whatever
 * the answer: otherwise every name form would get its own guesses, and a 403 for a wrong password
 * beside a 429 for the right one would tell the attacker which is which. A failure takes a token
 * from both buckets.
 */
@ApplicationScoped
public class FailedPasswordLimit {

    @Inject
    RateLimiter limits;

    protected FailedPasswordLimit() {
    }

    /** A limit over {@code limits} (unit tests). */
    public FailedPasswordLimit(RateLimiter limits) {
        this.limits = limits;
    }

    /**
     * Before the check: refuses when the bucket of the name given ({@code nameKey}, a full user ID
     * or {@code email:} address) is empty.
     *
     * @throws org.gatehouse.http.error.MatrixException 429 {@code M_LIMIT_EXCEEDED}
     */
    public void checkName(String nameKey) {
        limits.check(LimitName.LOGIN_FAILED_ATTEMPTS, nameKey);
    }

    /**
     * After the check, before acting on its answer: refuses when the bucket of the account the
     * backend found, if it is not the name's own, is empty.
     *
     * @throws org.gatehouse.http.error.MatrixException 429 {@code M_LIMIT_EXCEEDED}
     */
    public void checkAccount(String nameKey, PasswordVerdict verdict) {
        String accountKey = accountKey(verdict);
        if (accountKey != null && !accountKey.equals(nameKey)) {
            limits.check(LimitName.LOGIN_FAILED_ATTEMPTS, accountKey);
        }
    }

    /** A failed check: one token from the name's bucket and one from the account's, when it is another. */
    public void recordFailure(String nameKey, PasswordVerdict verdict) {
        limits.recordFailure(LimitName.LOGIN_FAILED_ATTEMPTS, nameKey);
        String accountKey = accountKey(verdict);
        if (accountKey != null && !accountKey.equals(nameKey)) {
            limits.recordFailure(LimitName.LOGIN_FAILED_ATTEMPTS, accountKey);
        }
    }

    private String accountKey(PasswordVerdict verdict) {
        return verdict.foundAccount().map(limits::userKey).orElse(null);
    }
}
