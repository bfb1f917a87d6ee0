package org.gatehouse.register;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A registration token as Synapse's admin API shows it: {@code uses_allowed} and
 * {@code expiry_time} (ms since the epoch) are written as {@code null} when unlimited.
 */
@JsonbNillable
public record RegistrationTokenView(String token, Long usesAllowed, long pending, long completed, Long expiryTime) {
}
