package org.gatehouse.account;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /account/password} ({@code password_management.yaml}). {@code auth} is
 * read from the raw body by the UIA engine.
 */
public record ChangePasswordRequest(@NotNull String newPassword, Boolean logoutDevices) {

    /** {@code logout_devices}, which defaults to {@code true}. */
    boolean logsOutDevices() {
        return !Boolean.FALSE.equals(logoutDevices);
    }
}
