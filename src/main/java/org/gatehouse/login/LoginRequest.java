package org.gatehouse.login;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gatehouse.device.Device;

/**
 * The body of {@code POST /login} ({@code login.yaml}). Which fields matter depends on
 * {@code type}; {@code user} is the deprecated alternative to an {@code m.id.user} identifier.
 * A display name longer than a device's is 400 {@code M_INVALID_PARAM} before anything is done.
 */
public record LoginRequest(@NotNull String type, JsonObject identifier, String user, String password, String token,
                           String deviceId,
                           @Size(max = Device.MAX_DISPLAY_NAME_LENGTH, message = Device.DISPLAY_NAME_TOO_LONG)
                           String initialDeviceDisplayName,
                           Boolean refreshToken) {

    boolean wantsRefreshToken() {
        return Boolean.TRUE.equals(refreshToken);
    }
}
