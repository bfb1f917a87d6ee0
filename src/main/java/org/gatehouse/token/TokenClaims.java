package org.gatehouse.token;

/**
 * What a self-describing token may embed about itself.
 *
 * @param userId    the full Matrix user ID
 * @param deviceId  the device the token belongs to
 * @param expiresAt epoch milliseconds of expiry, or {@code null} when the token does not expire
 */
public record TokenClaims(String userId, String deviceId, Long expiresAt) {
}
