package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.token.TokenService;
import org.gatehouse.user.User;

/**
 * Locking and suspending accounts (spec: "Account locking", "Account suspension", and the admin
 * module's {@code /admin/lock} and {@code /admin/suspend}). A change applies to the account's
 * next request on every node ({@link TokenService#accountChanged}); no token is revoked. Each
 * call, reads included, is audited as an {@code admin_action} naming the target.
 *
 * <p>The spec's rules, checked in this order: the requester must be a server admin (403
 * {@code M_FORBIDDEN}, before any lookup); the user ID must be local (400 {@code M_INVALID_PARAM});
 * the account must exist and be live (404 {@code M_NOT_FOUND}); it must not be another admin's
 * (403 {@code M_FORBIDDEN}), nor, to change it, the requester's own (403 {@code M_FORBIDDEN}).
 */
@ApplicationScoped
public class AccountModeration {

    /** What is moderated. */
    public enum Restriction { LOCK, SUSPENSION }

    @Inject
    AdminTargets targets;

    @Inject
    TokenService tokens;

    @Inject
    Audit audit;

    /** Whether the account is locked or suspended. */
    @Transactional
    public boolean state(Requester requester, String userId, Restriction restriction) {
        AdminAccess.requireAdmin(requester);
        User user = moderatable(requester, userId);
        audit.adminAction(requester.userId(), restriction == Restriction.LOCK ? "lock_query" : "suspend_query",
                targets.userId(user));
        return restriction == Restriction.LOCK ? user.locked() : user.suspended();
    }

    /**
     * Locks or unlocks, suspends or unsuspends the account; returns the new state.
     *
     * @param restricted the body's boolean; {@code null} (absent) is 400 {@code M_MISSING_PARAM}
     *                   once the requester is known to be an admin
     */
    @Transactional
    public boolean change(Requester requester, String userId, Restriction restriction, Boolean restricted) {
        AdminAccess.requireAdmin(requester);
        if (restricted == null) {
            throw MatrixException.missingParam("Missing parameter: " + (restriction == Restriction.LOCK ? "locked" : "suspended"));
        }
        User user = moderatable(requester, userId);
        if (targets.userId(user).equals(requester.userId())) {
            throw MatrixException.forbidden("You cannot moderate your own account");
        }
        apply(requester, user, restriction, restricted);
        return restricted;
    }

    /**
     * Sets the restriction on {@code user} without the admin module's rules (the Synapse-compatible
     * API lets an admin lock any account), audited as {@code lock}, {@code unlock},
     * {@code suspend} or {@code unsuspend}. Runs in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Requester requester, User user, Restriction restriction, boolean restricted) {
        if (restriction == Restriction.LOCK) {
            user.changeLocked(restricted);
        } else {
            user.changeSuspended(restricted);
        }
        tokens.accountChanged(user.id());
        String action = switch (restriction) {
            case LOCK -> restricted ? "lock" : "unlock";
            case SUSPENSION -> restricted ? "suspend" : "unsuspend";
        };
        audit.adminAction(requester.userId(), action, targets.userId(user));
    }

    private User moderatable(Requester requester, String userId) {
        User user = targets.findLive(userId);
        if (user.admin() && !targets.userId(user).equals(requester.userId())) {
            throw MatrixException.forbidden("The target user is a server admin");
        }
        return user;
    }
}
