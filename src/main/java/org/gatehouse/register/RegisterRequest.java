package org.gatehouse.register;

/**
 * The body of {@code POST /register} ({@code registration.yaml}). {@code auth} is read from the
 * raw body by the UIA engine; unknown fields are ignored.
 */
public record RegisterRequest(String username, String password, String deviceId, String initialDeviceDisplayName,
                              Boolean inhibitLogin, Boolean refreshToken) {

    boolean wantsRefreshToken() {
        return Boolean.TRUE.equals(refreshToken);
    }

    boolean inhibitsLogin() {
        return Boolean.TRUE.equals(inhibitLogin);
    }
}
