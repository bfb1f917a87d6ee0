package org.gatehouse.login;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /login} ({@code login.yaml}). Which fields matter depends on
 * {@code type}; {@code user} is the deprecated alternative to an {@code m.id.user} identifier.
 */
public record LoginRequest(@NotNull String type, JsonObject identifier, String user, String password, String token,
                           String deviceId, String initialDeviceDisplayName, Boolean refreshToken) {

    boolean wantsRefreshToken() {
        return Boolean.TRUE.equals(refreshToken);
    }
}
