package org.gatehouse.token;

/**
 * What a self-describing token may embed about itself.
 *
 * @param userId    the full Matrix user ID
 * @param deviceId  the device the token belongs to
 * @param expiresAt epoch milliseconds of expiry, or {@code null} when the token does not expire
 * @param nonce     32 base-62 characters of secret randomness that make the token unique and
 *                  unguessable (random, or derived from a refresh token so that a retried refresh
 *                  yields the same token)
 */
public record TokenClaims(String userId, String deviceId, Long expiresAt, String nonce) {
}
