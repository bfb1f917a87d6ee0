package org.gatehouse.account;

/**
 * The body of {@code POST /account/password} ({@code password_management.yaml}). {@code auth} is
 * read from the raw body by the UIA engine. {@code new_password} is required, unless the request
 * continues a UIA session that holds it ({@link AccountManagement#changePassword}).
 */
public record ChangePasswordRequest(String newPassword, Boolean logoutDevices) {
}
