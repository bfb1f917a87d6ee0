package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.credential.PasswordPolicy;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.uia.UiaOperation;
import org.gatehouse.uia.UiaOutcome;
import org.gatehouse.uia.UiaService;
import org.gatehouse.infra.Audit;

/**
 * Password change and account deactivation (spec: "Account management", "Password management",
 * "Account deactivation"). Both ask the requester for their current password through
 * User-Interactive Authentication ({@code m.login.password}) on every request: a completed
 * session is not accepted again.
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
    PasswordHashing hasher;

    @Inject
    AccountUpdates updates;

    @Inject
    Audit audit;

    /**
     * Changes the requester's password. An account whose password a directory owns (the
     * {@code ldap} backend made it) cannot: 403 {@code M_FORBIDDEN} saying so, before anything
     * else. The password policy is checked next, so a weak password
     * is refused before the user is asked to authenticate. With {@code logout_devices} (the
     * default) every other device of the user is logged out and deleted; the requester's device
     * and access token stay valid, as the spec asks.
     *
     * @param body the raw request body, {@code auth} included
     * @throws MatrixException 400 {@code M_WEAK_PASSWORD} from the policy; 401 with the UIA body
     *         until the current password is given, and after a wrong one ({@code M_FORBIDDEN});
     *         403 {@code M_FORBIDDEN} for another user's credentials
     */
    public void changePassword(Requester requester, ChangePasswordRequest request, JsonObject body) {
        if (!passwordBackends.ownsLocally(requester.userRef())) {
            throw MatrixException.forbidden(DIRECTORY_OWNS_PASSWORD);
        }
        policy.check(request.newPassword());
        UiaOutcome outcome = authenticate(requester, "/account/password", body, Set.of("new_password"));
        updates.changePassword(requester.userRef(), hasher.hash(request.newPassword()),
                request.logsOutDevices() ? requester.deviceRef() : null);
        audit.passwordChanged(requester.userId(), requester.deviceId());
        uia.finish(outcome.sessionId(), "password changed");
    }

    /**
     * Deactivates the requester's account: records {@code erase}, revokes every access and
     * refresh token and deletes every device.
     *
     * @param body the raw request body, {@code auth} included
     * @return the {@code id_server_unbind_result}
     * @throws MatrixException as {@link #changePassword} for authentication
     */
    public String deactivate(Requester requester, DeactivateRequest request, JsonObject body) {
        UiaOutcome outcome = authenticate(requester, "/account/deactivate", body, Set.of());
        updates.deactivate(requester.userRef(), request.erases());
        audit.deactivated(requester.userId());
        uia.finish(outcome.sessionId(), "deactivated");
        return NOTHING_TO_UNBIND;
    }

    private UiaOutcome authenticate(Requester requester, String path, JsonObject body, Set<String> secretFields) {
        return uia.authenticate(new UiaOperation("POST", path, body, secretFields, requester.userRef(),
                PASSWORD_FLOWS, false));
    }
}
