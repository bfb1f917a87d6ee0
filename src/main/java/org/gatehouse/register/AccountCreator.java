package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.TokenService;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;
import org.gatehouse.infra.UniqueViolations;

/**
 * Inserts new accounts in the caller's transaction: the use case that registers an account owns
 * the transaction, so that the account, its password hash, its first device and token and the
 * end of its authentication session are committed together or not at all. The database's unique
 * constraint on the localpart decides races: of concurrent registrations of one name exactly one
 * succeeds, the others get 400 {@code M_USER_IN_USE}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccountCreator {

    @Inject
    UserRepository users;

    @Inject
    TokenService tokens;

    @Inject
    Clock clock;

    /**
     * Inserts the account and flushes, so that the name is claimed at once: a concurrent
     * registration of the same name waits for the caller's transaction and then fails, and one
     * that finds the name committed fails without waiting. The claim becomes visible to others
     * only when the caller's transaction commits, with everything else the registration wrote.
     *
     * @param passwordHash the hash to store, or {@code null} for an account without a password
     *                     (or one whose hash the caller sets before it commits)
     * @throws MatrixException 400 {@code M_USER_IN_USE} when the localpart is taken; the caller's
     *         transaction is then marked for rollback
     * @throws PersistenceException any other database failure, unchanged (500 {@code M_UNKNOWN},
     *         or 503 when the database is unreachable)
     */
    public User create(String localpart, String passwordHash, boolean admin, boolean guest) {
        if (users.existsByLocalpart(localpart)) {
            throw userInUse();
        }
        try {
            return users.insert(new User(localpart, passwordHash, admin, guest, clock.millis()));
        } catch (PersistenceException e) {
            if (UniqueViolations.causedBy(e)) {
                throw userInUse();
            }
            throw e;
        }
    }

    /**
     * Turns guest account {@code userRef} into a full account with {@code passwordHash}
     * ({@link GuestUpgrade}); the guest's own tokens show a full account from their next request,
     * on every node ({@link TokenService#accountChanged}).
     *
     * @return whether it was a live guest (not upgraded meanwhile, not deactivated)
     */
    @Transactional
    public boolean upgradeGuest(long userRef, String passwordHash) {
        boolean upgraded = users.upgradeGuest(userRef, passwordHash);
        if (upgraded) {
            tokens.accountChanged(userRef);
        }
        return upgraded;
    }

    static MatrixException userInUse() {
        return new MatrixException(400, ErrCode.M_USER_IN_USE, "User ID already taken");
    }
}
