package org.gatehouse.credential;

import java.util.Objects;
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
 */
public record PasswordVerdict(Outcome outcome, String backend, User user, String reason, long retryAfterMs) {

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
    }

    public static PasswordVerdict verified(String backend, User user) {
        return new PasswordVerdict(Outcome.VERIFIED, backend, user, "verified", 0);
    }

    public static PasswordVerdict wrong(String backend, String reason) {
        return new PasswordVerdict(Outcome.WRONG, backend, null, reason, 0);
    }

    public static PasswordVerdict unknownUser(String backend) {
        return new PasswordVerdict(Outcome.UNKNOWN_USER, backend, null, "unknown_user", 0);
    }

    public static PasswordVerdict unavailable(String backend, String reason, long retryAfterMs) {
        return new PasswordVerdict(Outcome.UNAVAILABLE, backend, null, reason, retryAfterMs);
    }

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }
}
