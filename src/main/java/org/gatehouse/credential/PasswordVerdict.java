package org.gatehouse.credential;

import java.util.Objects;
import java.util.Optional;
import org.gatehouse.user.User;

/**
 * What a {@link PasswordBackend} answers about a password.
 *
 * @param outcome      the answer
 * @param backend      the name of the backend that answered ({@code local}, {@code ldap}), for
 *                     audit lines; {@code none} when no backend knew the claimant
 * @param user         the local account the password proves, when {@link Outcome#VERIFIED};
 *                     otherwise {@code null}
 * @param reason       the precise reason for logs and metrics (e.g. {@code wrong_password},
 *                     {@code no_password}, {@code not_in_group}), never told to the client
 * @param retryAfterMs for {@link Outcome#UNAVAILABLE}, when to try again; otherwise 0
 * @param account      the localpart of the account the backend found for the name given, whatever
 *                     name form the client used (user name, {@code CORP\alice}, UPN, e-mail):
 *                     the user's for {@link Outcome#VERIFIED}, the account whose password was
 *                     wrong for {@link Outcome#WRONG} when the backend knows it; otherwise
 *                     {@code null}. Callers key the failed-password limit by it, so every name of
 *                     one person shares one bucket.
 */
public record PasswordVerdict(Outcome outcome, String backend, User user, String reason, long retryAfterMs, String account) {

    /** The four answers a backend can give. */
    public enum Outcome {
        /** The password is that of {@link #user()}. */
        VERIFIED,
        /** The backend knows the claimant and the password is not theirs (or cannot log in). */
        WRONG,
        /** The backend does not know the claimant; the next backend may. */
        UNKNOWN_USER,
        /** The backend could not answer (its server is down or too slow); nobody may be asked instead. */
        UNAVAILABLE
    }

    public PasswordVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(backend, "backend");
        if ((outcome == Outcome.VERIFIED) != (user != null)) {
            throw new IllegalArgumentException("a user goes with VERIFIED and only with it");
        }
        if (account != null && outcome != Outcome.VERIFIED && outcome != Outcome.WRONG) {
            throw new IllegalArgumentException("an account goes with VERIFIED or WRONG only");
        }
    }

    public static PasswordVerdict verified(String backend, User user) {
        return new PasswordVerdict(Outcome.VERIFIED, backend, user, "verified", 0, user.localpart());
    }

    /** A wrong password (or a claimant who may not log in) where the backend cannot tell whose account it is. */
    public static PasswordVerdict wrong(String backend, String reason) {
        return new PasswordVerdict(Outcome.WRONG, backend, null, reason, 0, null);
    }

    /** A wrong password for the account with localpart {@code account}, found by the name given. */
    public static PasswordVerdict wrong(String backend, String reason, String account) {
        return new PasswordVerdict(Outcome.WRONG, backend, null, reason, 0, Objects.requireNonNull(account, "account"));
    }

    public static PasswordVerdict unknownUser(String backend) {
        return new PasswordVerdict(Outcome.UNKNOWN_USER, backend, null, "unknown_user", 0, null);
    }

    public static PasswordVerdict unavailable(String backend, String reason, long retryAfterMs) {
        return new PasswordVerdict(Outcome.UNAVAILABLE, backend, null, reason, retryAfterMs, null);
    }

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }

    /** {@link #account()}, when the backend found one. */
    public Optional<String> foundAccount() {
        return Optional.ofNullable(account);
    }
}
