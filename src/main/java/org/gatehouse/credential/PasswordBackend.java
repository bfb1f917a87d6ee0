package org.gatehouse.credential;

/**
 * A place that can verify a user's password: the local password hashes, a directory. A CDI bean
 * named by {@link #name()}; {@link PasswordBackends} asks the configured ones in order.
 *
 * <p>Contract: {@link #verify} never throws for a wrong password, an unknown user or an
 * unreachable server; those are {@link PasswordVerdict.Outcome answers}. It may throw
 * {@link org.gatehouse.http.error.MatrixException} 429 when the server is too busy to start the
 * work (the hashing pool's queue is full).
 */
public interface PasswordBackend {

    /** The name used in {@code gatehouse.password-backends} and in audit lines. */
    String name();

    /**
     * Checks {@code password} for {@code claimant}. A {@link PasswordVerdict.Outcome#VERIFIED}
     * answer carries the local account, made or refreshed as the backend needs.
     */
    PasswordVerdict verify(Claimant claimant, String password);

    /**
     * Whether this backend owns the password of the account {@code userRef}: then only this
     * backend can change it. The local backend owns every account no other backend owns.
     */
    default boolean ownsPassword(long userRef) {
        return false;
    }

    /**
     * Whether the backend has an account that would log in as this localpart, so registering the
     * name locally must be refused.
     *
     * @throws org.gatehouse.http.error.MatrixException 503 {@code M_UNKNOWN} with
     *         {@code retry_after_ms} when the backend cannot tell now
     */
    default boolean claimsName(String localpart) {
        return false;
    }
}
