package org.gatehouse.admin;

import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;

/**
 * The one rule every admin endpoint applies first, before it looks any account up (the admin
 * module asks for it "to prevent user enumeration"): only a server admin may call it.
 */
final class AdminAccess {

    private AdminAccess() {
    }

    /** @throws MatrixException 403 {@code M_FORBIDDEN} when {@code requester} is not a server admin */
    static void requireAdmin(Requester requester) {
        if (!requester.admin()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
    }
}
