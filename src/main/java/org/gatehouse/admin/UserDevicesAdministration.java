package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.gatehouse.config.AdminConfig;
import org.gatehouse.device.DeviceDetails;
import org.gatehouse.device.DeviceManagement;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.token.DeviceSession;
import org.gatehouse.user.User;

/**
 * A user's devices and sessions as a server admin manages them (Synapse's "User Admin API":
 * "List all devices", "Show a device", "Update a device", "Delete a device", "Delete multiple
 * devices", "Login as a user"). The rules of {@link UserAdministration} apply (admin first, then the
 * target); every call is audited as an {@code admin_action} naming the target user (and
 * {@code /device}).
 */
@ApplicationScoped
public class UserDevicesAdministration {

    @Inject
    AdminTargets targets;

    @Inject
    DeviceManagement deviceManagement;

    @Inject
    DeviceService devices;

    @Inject
    AdminConfig config;

    @Inject
    Audit audit;

    /** Every device of the user, ordered by device ID. */
    @Transactional
    public List<DeviceDetails> list(Requester requester, String userId) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        audit.adminAction(requester.userId(), "device_list", targets.userId(user));
        return deviceManagement.details(user.id());
    }

    /** One device; 404 {@code M_NOT_FOUND} when the user has no device with this ID. */
    @Transactional
    public DeviceDetails get(Requester requester, String userId, String deviceId) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        audit.adminAction(requester.userId(), "device_query", targets.userId(user) + "/" + deviceId);
        return deviceManagement.details(user.id(), deviceId);
    }

    /** Renames a device ({@code null} keeps the name); 404 {@code M_NOT_FOUND} when there is no such device. */
    @Transactional
    public void rename(Requester requester, String userId, String deviceId, String displayName) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        deviceManagement.rename(user.id(), deviceId, displayName);
        audit.adminAction(requester.userId(), "device_rename", targets.userId(user) + "/" + deviceId);
    }

    /** Logs out and deletes the user's devices with these IDs; unknown IDs are skipped. */
    @Transactional
    public void delete(Requester requester, String userId, List<String> deviceIds) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        devices.deleteByDeviceIds(user.id(), deviceIds);
        String target = targets.userId(user);
        deviceIds.forEach(deviceId -> audit.adminAction(requester.userId(), "device_delete", target + "/" + deviceId));
    }

    /**
     * Opens a session as the user on a new device, for support (Synapse's "Login as a user"): the
     * access token is the user's like any other and is logged out like any other; it expires at
     * {@code validUntilMs} (epoch milliseconds) or, when {@code null}, as the server's access
     * tokens without refresh do. Audited as {@code login_as}.
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for oneself; 403 {@code M_FORBIDDEN} for
     *         another admin unless {@code gatehouse.admin.login-as-admins} is true, and for a
     *         deactivated or locked account
     */
    @Transactional
    public DeviceSession loginAs(Requester requester, String userId, Long validUntilMs) {
        AdminAccess.requireAdmin(requester);
        User user = targets.find(userId);
        if (user.id() == requester.userRef()) {
            throw MatrixException.invalidParam("Cannot use admin API to login as self");
        }
        if (user.admin() && !config.loginAsAdmins()) {
            throw MatrixException.forbidden("Logging in as another server admin is not allowed "
                    + "(gatehouse.admin.login-as-admins)");
        }
        if (user.deactivated() || user.locked()) {
            throw MatrixException.forbidden("The account is deactivated or locked");
        }
        DeviceSession session = devices.openSessionUntil(user, "Admin login by " + requester.userId(), validUntilMs);
        audit.adminAction(requester.userId(), "login_as", targets.userId(user));
        return session;
    }
}
