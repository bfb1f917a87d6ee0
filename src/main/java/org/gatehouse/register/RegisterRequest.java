package org.gatehouse.register;

import jakarta.validation.constraints.Size;
import org.gatehouse.device.Device;

/**
 * The body of {@code POST /register} ({@code registration.yaml}). {@code auth} is read from the
 * raw body by the UIA engine; unknown fields are ignored. {@code type} is
 * {@code m.login.application_service} when an application service registers a user (Application
 * Service API, "Server admin style permissions"). A display name longer than a device's is 400
 * {@code M_INVALID_PARAM} before anything is created. {@code guest_access_token} asks to upgrade
 * that guest to a full account ({@link GuestUpgrade}).
 */
public record RegisterRequest(String type, String username, String password, String deviceId,
                              @Size(max = Device.MAX_DISPLAY_NAME_LENGTH, message = Device.DISPLAY_NAME_TOO_LONG)
                              String initialDeviceDisplayName,
                              Boolean inhibitLogin, Boolean refreshToken, String guestAccessToken) {

    boolean wantsRefreshToken() {
        return Boolean.TRUE.equals(refreshToken);
    }

    boolean inhibitsLogin() {
        return Boolean.TRUE.equals(inhibitLogin);
    }
}
