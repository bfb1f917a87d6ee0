package org.gatehouse.http;

import java.util.function.BooleanSupplier;
import org.gatehouse.http.error.MatrixException;

/**
 * The refusal of a locked account's requests (spec: "Account locking"): on every endpoint but
 * those marked {@link AllowLocked}, a token of a locked account answers 401 {@code M_USER_LOCKED}
 * with {@code soft_logout: true}. The tokens stay valid, so the sessions resume when the account is
 * unlocked. Whether the account is locked comes with the token's row ({@link Requester#locked()}),
 * which a lock or unlock makes every node's token cache forget at once.
 */
final class AccountLockCheck {

    private AccountLockCheck() {
    }

    /**
     * @throws MatrixException 401 {@code M_USER_LOCKED} ({@code soft_logout: true}) when
     *         {@code requester}'s account is locked and the endpoint does not allow locked accounts
     *         ({@code endpointAllowsLocked} is asked only for a locked account)
     */
    static void refuseIfLocked(Requester requester, BooleanSupplier endpointAllowsLocked) {
        if (requester.locked() && !endpointAllowsLocked.getAsBoolean()) {
            throw MatrixException.userLocked();
        }
    }
}
