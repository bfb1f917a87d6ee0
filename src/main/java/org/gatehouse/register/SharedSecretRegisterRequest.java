package org.gatehouse.register;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gatehouse.device.Device;

/**
 * The body of {@code POST /_synapse/admin/v1/register}, as Synapse defines it; {@code displayname}
 * names the new device, and one longer than a device's is 400 {@code M_INVALID_PARAM} before
 * anything is created.
 */
public record SharedSecretRegisterRequest(@NotNull String nonce, @NotNull String username, @NotNull String password,
                                          @NotNull String mac, Boolean admin,
                                          @Size(max = Device.MAX_DISPLAY_NAME_LENGTH, message = Device.DISPLAY_NAME_TOO_LONG)
                                          String displayname,
                                          String userType) {

    boolean isAdmin() {
        return Boolean.TRUE.equals(admin);
    }
}
