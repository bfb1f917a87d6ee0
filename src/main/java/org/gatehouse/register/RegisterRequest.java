package org.gatehouse.register;

/**
 * The body of {@code POST /register} ({@code registration.yaml}). {@code auth} is read from the
 * raw body by the UIA engine; unknown fields are ignored. {@code type} is
 * {@code m.login.application_service} when an application service registers a user (Application
 * Service API, "Server admin style permissions").
 */
public record RegisterRequest(String type, String username, String password, String deviceId,
                              String initialDeviceDisplayName, Boolean inhibitLogin, Boolean refreshToken) {

    boolean wantsRefreshToken() {
        return Boolean.TRUE.equals(refreshToken);
    }

    boolean inhibitsLogin() {
        return Boolean.TRUE.equals(inhibitLogin);
    }
}
