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
 * Inserts new accounts, one transaction each. The database's unique constraint on the localpart
 * decides races: of concurrent registrations of one name exactly one succeeds, the others get
 * 400 {@code M_USER_IN_USE}.
 */
@ApplicationScoped
public class AccountCreator {

    @Inject
    UserRepository users;

    @Inject
    TokenService tokens;

    @Inject
    Clock clock;

    /**
     * @param passwordHash the hash to store, or {@code null} for an account without a password
     * @throws MatrixException 400 {@code M_USER_IN_USE} when the localpart is taken
     * @throws PersistenceException any other database failure, unchanged (500 {@code M_UNKNOWN})
     */
    @Transactional
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

    /** Stores the password hash of an account {@link #create}d without one. */
    @Transactional
    public void setPasswordHash(long userRef, String passwordHash) {
        users.findById(userRef).ifPresent(user -> user.changePasswordHash(passwordHash));
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

    /** Removes an account that was claimed but whose registration could not be completed. */
    @Transactional
    public void release(long userRef) {
        users.findById(userRef).ifPresent(users::delete);
    }

    static MatrixException userInUse() {
        return new MatrixException(400, ErrCode.M_USER_IN_USE, "User ID already taken");
    }
}
