package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.gatehouse.device.DeviceService;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/** The transactional writes of password change and account deactivation, once authentication has passed. */
@ApplicationScoped
public class AccountUpdates {

    @Inject
    UserRepository users;

    @Inject
    DeviceService devices;

    @Inject
    LoginTokens loginTokens;

    /**
     * Stores the new password hash, deletes the user's unused login tokens (each would log in
     * without the new password) and, with {@code logoutDevices}, revokes the tokens of every
     * device of the user but {@code keptDeviceRef} (every device when it is {@code null}) and
     * deletes those devices.
     */
    @Transactional
    public void changePassword(long userRef, String passwordHash, boolean logoutDevices, Long keptDeviceRef) {
        user(userRef).changePasswordHash(passwordHash);
        loginTokens.revokeAll(userRef);
        if (logoutDevices && keptDeviceRef != null) {
            devices.deleteAllExcept(userRef, keptDeviceRef);
        } else if (logoutDevices) {
            devices.deleteAll(userRef);
        }
    }

    /**
     * Deactivates the account for good, recording {@code erase}, revokes every token (login tokens
     * included) and deletes every device. The account keeps its row (and password hash), so its user ID is never
     * registered again and a login with the right password is told the account is deactivated.
     * The account's row is locked first, so a session opened for it concurrently (a replayed
     * registration) either sees the deactivation or is deleted by it.
     */
    @Transactional
    public void deactivate(long userRef, boolean erase) {
        users.findByIdForUpdate(userRef).orElseThrow(() -> new IllegalStateException("No user " + userRef))
                .deactivate(erase);
        devices.deleteAll(userRef);
    }

    private User user(long userRef) {
        return users.findById(userRef).orElseThrow(() -> new IllegalStateException("No user " + userRef));
    }
}
