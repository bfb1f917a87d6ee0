package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordPolicy;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.uia.ReauthFlows;
import org.gatehouse.uia.UiaOperation;
import org.gatehouse.uia.UiaOutcome;
import org.gatehouse.uia.UiaService;
import org.gatehouse.infra.Audit;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * Password change and account deactivation (spec: "Account management", "Password management",
 * "Account deactivation"). Both ask for the account's current password through
 * User-Interactive Authentication ({@code m.login.password}) on every request: a completed
 * session is not accepted again. The access token is optional (spec: {@code security: [{},
 * accessTokenBearer]}): with one, the operation acts for the requester; without one, for the user
 * whose password the {@code m.login.password} stage proves (its {@code identifier} names the
 * account). A later stage may send only {@code auth}; the session then supplies the parameters
 * of the request that started it, and for a password change the new password, which it holds only
 * as a hash made when the new password arrived.
 */
@ApplicationScoped
public class AccountManagement {

    /** The one flow offered: Gatehouse has no e-mail or phone stages. */
    static final List<List<String>> PASSWORD_FLOWS = List.of(List.of("m.login.password"));

    /**
     * {@code id_server_unbind_result}: Gatehouse stores no third-party identifiers, so there is
     * never one to unbind, and the spec requires {@code success} in that case.
     */
    static final String NOTHING_TO_UNBIND = "success";

    private static final String NEW_PASSWORD = "new_password";

    /** The refusal of a password change for an account whose password a directory owns. */
    static final String DIRECTORY_OWNS_PASSWORD =
            "Your password is managed by your organisation's directory (LDAP); change it there, not through Matrix";

    @Inject
    PasswordBackends passwordBackends;

    @Inject
    UiaService uia;

    @Inject
    PasswordPolicy policy;

    @Inject
    AccountUpdates updates;

    @Inject
    UserRepository users;

    @Inject
    ServerConfig server;

    @Inject
    Audit audit;

    @Inject
    ReauthFlows reauthFlows;

    /**
     * The requester of a request to an account endpoint whose access token is optional.
     *
     * @return empty when no access token was presented
     * @throws MatrixException why a presented token was refused; 403
     *         {@code M_GUEST_ACCESS_FORBIDDEN} for a guest; 403 {@code M_FORBIDDEN} for an
     *         application service
     */
    static Optional<Requester> requester(Optional<Requester> presented) {
        presented.ifPresent(requester -> {
            if (requester.guest()) {
                throw new MatrixException(403, ErrCode.M_GUEST_ACCESS_FORBIDDEN, "Guest access is not allowed here");
            }
            if (requester.isAppService()) {
                throw MatrixException.forbidden("Application services cannot use this endpoint");
            }
        });
        return presented;
    }

    /**
     * Changes the password of the requester, or without a requester of the user the password
     * stage proves. An account whose password a directory owns (the {@code ldap} backend made it)
     * cannot: 403 {@code M_FORBIDDEN} saying so, before anything else when a requester is known,
     * after the password stage otherwise. The password policy is checked first, so a weak password is refused before
     * the user is asked to authenticate. With {@code logout_devices} (the default) every other
     * device of the user is logged out and deleted; the requester's device and access token stay
     * valid, as the spec asks (without a requester, every device is logged out).
     *
     * <p>A requester authenticates with a flow of {@link ReauthFlows}: an account made by single
     * sign-on that has no password yet completes {@code m.login.sso} with the identity provider of
     * its subject (spec: "SSO during User-Interactive Authentication") and so sets its first
     * password, as Synapse lets SSO users do; an account without a password and without a
     * provider link (made by JWT login) is offered only {@code m.login.password}, which it cannot
     * complete.
     *
     * @param body the raw request body, {@code auth} included
     * @throws MatrixException 400 {@code M_WEAK_PASSWORD} from the policy; 400
     *         {@code M_MISSING_PARAM} without {@code new_password} (unless the request continues a
     *         session that holds one); 401 with the UIA body until the current password is given,
     *         and after a wrong one ({@code M_FORBIDDEN}); 403 {@code M_FORBIDDEN} for another
     *         user's credentials
     */
    public void changePassword(Optional<Requester> requester, ChangePasswordRequest request, JsonObject body) {
        requester.ifPresent(known -> requireLocalPassword(known.userRef()));
        if (request.newPassword() != null) {
            policy.check(request.newPassword());
        } else if (!UiaOperation.continuesSession(body)) {
            throw missingNewPassword();
        }
        UiaOutcome outcome = authenticate(requester, "/account/password", body, NEW_PASSWORD);
        requireLocalPassword(outcome.userRef());
        String passwordHash = outcome.secretHash().orElseThrow(AccountManagement::missingNewPassword);
        boolean logoutDevices = !JsonValue.FALSE.equals(outcome.parameters().get("logout_devices"));
        updates.changePassword(outcome.userRef(), passwordHash, logoutDevices,
                requester.map(Requester::deviceRef).orElse(null));
        audit.passwordChanged(userId(outcome.userRef()), requester.map(Requester::deviceId).orElse(null));
        uia.finish(outcome.sessionId(), "password changed");
    }

    /**
     * Deactivates the account of the requester, or without a requester of the user the password
     * stage proves: records {@code erase}, revokes every access and refresh token and deletes
     * every device.
     *
     * @param body the raw request body, {@code auth} included
     * @return the {@code id_server_unbind_result}
     * @throws MatrixException as {@link #changePassword} for authentication
     */
    public String deactivate(Optional<Requester> requester, JsonObject body) {
        UiaOutcome outcome = authenticate(requester, "/account/deactivate", body, null);
        updates.deactivate(outcome.userRef(), JsonValue.TRUE.equals(outcome.parameters().get("erase")));
        audit.deactivated(userId(outcome.userRef()));
        uia.finish(outcome.sessionId(), "deactivated");
        return NOTHING_TO_UNBIND;
    }

    private UiaOutcome authenticate(Optional<Requester> requester, String path, JsonObject body, String secretField) {
        Long userRef = requester.map(Requester::userRef).orElse(null);
        return uia.authenticate(UiaOperation.forUser("POST", path, body, secretField, userRef,
                userRef == null ? PASSWORD_FLOWS : reauthFlows.forUser(userRef)));
    }

    private String userId(long userRef) {
        return users.findById(userRef).map(user -> new UserId(user.localpart(), server.serverName()).toString())
                .orElseThrow(() -> new IllegalStateException("No user " + userRef));
    }

    private void requireLocalPassword(long userRef) {
        if (!passwordBackends.ownsLocally(userRef)) {
            throw MatrixException.forbidden(DIRECTORY_OWNS_PASSWORD);
        }
    }

    private static MatrixException missingNewPassword() {
        return MatrixException.missingParam("Missing parameter: new_password");
    }
}
