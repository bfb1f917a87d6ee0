package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.gatehouse.admin.AccountModeration.Restriction;
import org.gatehouse.admin.SynapseUserViews.ExternalId;
import org.gatehouse.admin.SynapseUserViews.ListedUser;
import org.gatehouse.admin.SynapseUserViews.UserDetails;
import org.gatehouse.admin.SynapseUserViews.UserList;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.credential.PasswordPolicy;
import org.gatehouse.device.DeviceDetails;
import org.gatehouse.device.DeviceManagement;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.UniqueViolations;
import org.gatehouse.sso.SsoLinks;
import org.gatehouse.token.TokenService;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;
import org.gatehouse.user.UserSearch;

/**
 * The accounts part of the Synapse-compatible admin API (Synapse's "User Admin API": list, query,
 * create or modify, reset password, deactivate, admin flag). Every method first requires a server
 * admin (403 {@code M_FORBIDDEN}), then resolves the target (400 {@code M_INVALID_PARAM} for a
 * user ID that is not local, 404 {@code M_NOT_FOUND} for no such account), runs in one
 * transaction, and audits each call, reads included, as an {@code admin_action} naming the target.
 */
@ApplicationScoped
public class UserAdministration {

    /** The longest password accepted, as at registration and password change. */
    static final int MAX_PASSWORD_LENGTH = 512;

    /** The longest display name stored (the {@code display_name} column's size). */
    static final int MAX_DISPLAYNAME_LENGTH = 512;

    /** What {@code PUT /_synapse/admin/v2/users/{userId}} sets; {@code null} leaves a field as it is. */
    public record UserChanges(String password, Boolean logoutDevices, String displayname, Boolean admin,
                              Boolean deactivated, Boolean locked) {
    }

    /** Whether {@link #createOrModify} created the account, and the account as it now is. */
    public record Saved(boolean created, UserDetails user) {
    }

    @Inject
    AdminTargets targets;

    @Inject
    UserRepository users;

    @Inject
    DeviceManagement deviceManagement;

    @Inject
    DeviceService devices;

    @Inject
    AccountModeration moderation;

    @Inject
    TokenService tokens;

    @Inject
    PasswordHashing hasher;

    @Inject
    PasswordBackends passwordBackends;

    @Inject
    PasswordPolicy policy;

    @Inject
    ServerConfig server;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    SsoLinks ssoLinks;

    /** A page of the accounts {@code search} keeps, from offset {@code from}, at most {@code limit}. */
    @Transactional
    public UserList list(Requester requester, UserSearch search, int from, int limit) {
        AdminAccess.requireAdmin(requester);
        List<ListedUser> page = users.search(search, from, limit).stream().map(this::listed).toList();
        long total = users.count(search);
        audit.adminAction(requester.userId(), "user_list", "users");
        String next = from + page.size() < total && !page.isEmpty() ? String.valueOf(from + page.size()) : null;
        return new UserList(page, total, next);
    }

    /** The account, deactivated or not. */
    @Transactional
    public UserDetails details(Requester requester, String userId) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        audit.adminAction(requester.userId(), "user_query", targets.userId(user));
        return details(user);
    }

    /**
     * Creates the account when there is none ({@code created}), else changes what {@code changes}
     * sets. A new password is checked against the password policy (400 {@code M_WEAK_PASSWORD})
     * and, unless {@code logout_devices} is {@code false}, logs out every device of an existing
     * account. {@code deactivated: true} deactivates (every device logged out); {@code false}
     * reactivates, which needs a password in the same request (400 {@code M_MISSING_PARAM}). An
     * admin cannot remove their own admin flag nor deactivate or lock themselves (400
     * {@code M_INVALID_PARAM}).
     *
     * @throws MatrixException 400 {@code M_INVALID_USERNAME} for a new account's invalid
     *         localpart; 400 {@code M_INVALID_PARAM} for a display name or password that is too long
     */
    @Transactional
    public Saved createOrModify(Requester requester, String userId, UserChanges changes) {
        AdminAccess.requireAdmin(requester);
        String localpart = targets.localId(userId).localpart();
        validate(changes);
        User existing = users.findByLocalpart(localpart).orElse(null);
        if (existing == null) {
            return new Saved(true, details(create(requester, localpart, changes)));
        }
        modify(requester, existing, changes);
        return new Saved(false, details(existing));
    }

    /**
     * Sets a new password; {@code logoutDevices} ({@code true} when absent) logs out every device. A user
     * whose password a directory owns cannot be given one here: 403 {@code M_FORBIDDEN}.
     */
    @Transactional
    public void resetPassword(Requester requester, String userId, String newPassword, Boolean logoutDevices) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        if (newPassword == null) {
            throw MatrixException.missingParam("Missing parameter: new_password");
        }
        setPassword(requester, user, newPassword, !Boolean.FALSE.equals(logoutDevices));
    }

    /** Deactivates the account (every device logged out); {@code erase} records an erasure request. */
    @Transactional
    public void deactivate(Requester requester, String userId, boolean erase) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        deactivate(requester, user, erase);
    }

    /** Checks that {@code userId} names an account (for endpoints about what Gatehouse does not keep). */
    @Transactional
    public void requireUser(Requester requester, String userId) {
        AdminAccess.requireAdmin(requester);
        audit.adminAction(requester.userId(), "user_rooms", targets.userId(targets.find(userId)));
    }

    /** Whether the account is a server admin. */
    @Transactional
    public boolean isAdmin(Requester requester, String userId) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        audit.adminAction(requester.userId(), "admin_query", targets.userId(user));
        return user.admin();
    }

    /** Makes the account a server admin or not; an admin cannot demote themselves (400 {@code M_INVALID_PARAM}). */
    @Transactional
    public void setAdmin(Requester requester, String userId, Boolean admin) {
        AdminAccess.requireAdmin(requester);
        if (admin == null) {
            throw MatrixException.missingParam("Missing parameter: admin");
        }
        setAdmin(requester, targets.find(userId), admin);
    }

    /**
     * Suspends or unsuspends the account (Synapse's {@code PUT /_synapse/admin/v1/suspend}); unlike
     * the admin module, any live account, an admin's too, may be suspended, but not one's own.
     */
    @Transactional
    public void suspend(Requester requester, String userId, Boolean suspend) {
        AdminAccess.requireAdmin(requester);
        if (suspend == null) {
            throw MatrixException.missingParam("Missing parameter: suspend");
        }
        User user = targets.findLive(userId);
        if (self(requester, user)) {
            throw MatrixException.invalidParam("You cannot suspend yourself");
        }
        moderation.apply(requester, user, Restriction.SUSPENSION, suspend);
    }

    private User create(Requester requester, String localpart, UserChanges changes) {
        LocalpartRules.validateForRegistration(localpart, server.serverName());
        String hash = changes.password() == null ? null : hash(changes.password());
        User user;
        try {
            user = users.insert(new User(localpart, hash, Boolean.TRUE.equals(changes.admin()), false, clock.millis()));
        } catch (PersistenceException e) {
            if (UniqueViolations.causedBy(e)) {
                throw new MatrixException(400, ErrCode.M_USER_IN_USE, "User ID already taken");
            }
            throw e;
        }
        if (changes.displayname() != null) {
            user.changeDisplayName(changes.displayname());
        }
        if (Boolean.TRUE.equals(changes.locked())) {
            moderation.apply(requester, user, Restriction.LOCK, true);
        }
        audit.adminAction(requester.userId(), "user_create", targets.userId(user));
        if (Boolean.TRUE.equals(changes.deactivated())) {
            deactivate(requester, user, false);
        }
        return user;
    }

    private void modify(Requester requester, User user, UserChanges changes) {
        if (Boolean.FALSE.equals(changes.deactivated()) && user.deactivated()) {
            if (changes.password() == null) {
                throw MatrixException.missingParam("A password is needed to reactivate an account");
            }
            user.reactivate();
            tokens.accountChanged(user.id());
            audit.adminAction(requester.userId(), "user_reactivate", targets.userId(user));
        }
        if (changes.password() != null) {
            setPassword(requester, user, changes.password(), !Boolean.FALSE.equals(changes.logoutDevices()));
        }
        if (changes.displayname() != null && !changes.displayname().equals(user.displayName())) {
            user.changeDisplayName(changes.displayname());
            audit.adminAction(requester.userId(), "user_displayname", targets.userId(user));
        }
        if (changes.admin() != null && changes.admin() != user.admin()) {
            setAdmin(requester, user, changes.admin());
        }
        if (changes.locked() != null && changes.locked() != user.locked()) {
            if (self(requester, user)) {
                throw MatrixException.invalidParam("You cannot lock yourself");
            }
            moderation.apply(requester, user, Restriction.LOCK, changes.locked());
        }
        if (Boolean.TRUE.equals(changes.deactivated()) && !user.deactivated()) {
            deactivate(requester, user, false);
        }
    }

    /**
     * @throws MatrixException 403 {@code M_FORBIDDEN} for a user whose password a directory owns
     *         (a local hash would never be asked for them)
     */
    private void setPassword(Requester requester, User user, String password, boolean logoutDevices) {
        if (!passwordBackends.ownsLocally(user.id())) {
            throw MatrixException.forbidden("The password of this user is managed by the organisation's directory (LDAP); change it there");
        }
        user.changePasswordHash(hash(password));
        if (logoutDevices) {
            devices.deleteAll(user.id());
        }
        audit.adminAction(requester.userId(), logoutDevices ? "password_reset_logout" : "password_reset",
                targets.userId(user));
    }

    private void deactivate(Requester requester, User user, boolean erase) {
        if (self(requester, user)) {
            throw MatrixException.invalidParam("You cannot deactivate yourself");
        }
        user.deactivate(erase);
        devices.deleteAll(user.id());
        audit.adminAction(requester.userId(), erase ? "deactivate_erase" : "deactivate", targets.userId(user));
    }

    private void setAdmin(Requester requester, User user, boolean admin) {
        if (!admin && self(requester, user)) {
            throw MatrixException.invalidParam("You may not demote yourself.");
        }
        user.changeAdmin(admin);
        tokens.accountChanged(user.id());
        audit.adminAction(requester.userId(), admin ? "admin_grant" : "admin_revoke", targets.userId(user));
    }

    private boolean self(Requester requester, User user) {
        return Objects.equals(requester.userRef(), user.id());
    }

    private String hash(String password) {
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw MatrixException.invalidParam("The password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        policy.check(password);
        return hasher.hash(password);
    }

    private static void validate(UserChanges changes) {
        if (changes.displayname() != null && changes.displayname().length() > MAX_DISPLAYNAME_LENGTH) {
            throw MatrixException.invalidParam("displayname must be at most " + MAX_DISPLAYNAME_LENGTH + " characters long");
        }
        if (changes.password() != null && changes.password().length() > MAX_PASSWORD_LENGTH) {
            throw MatrixException.invalidParam("The password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
    }

    private UserDetails details(User user) {
        Long lastSeen = deviceManagement.details(user.id()).stream().map(DeviceDetails::lastSeenTs)
                .filter(Objects::nonNull).max(Long::compare).orElse(null);
        return new UserDetails(targets.userId(user), user.displayName(), List.of(), user.guest(), user.admin(),
                user.deactivated(), user.erased(), false, user.createdAt() / 1000, externalIds(user), user.locked(), user.suspended(),
                true, lastSeen);
    }

    private List<ExternalId> externalIds(User user) {
        return ssoLinks.linksOf(user.id()).stream().map(link -> new ExternalId(link.providerId(), link.subject())).toList();
    }

    private ListedUser listed(User user) {
        return new ListedUser(targets.userId(user), user.guest(), user.admin(), user.deactivated(), user.erased(), false,
                user.displayName(), user.createdAt(), true, user.locked(), user.suspended());
    }
}
