package org.gatehouse.register;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /_synapse/admin/v1/register}, as Synapse defines it. */
public record SharedSecretRegisterRequest(@NotNull String nonce, @NotNull String username, @NotNull String password,
                                          @NotNull String mac, Boolean admin, String displayname, String userType) {

    boolean isAdmin() {
        return Boolean.TRUE.equals(admin);
    }
}
