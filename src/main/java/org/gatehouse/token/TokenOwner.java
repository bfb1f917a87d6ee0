package org.gatehouse.token;

/**
 * What the database knows about the holder of one access token: the row read on every
 * authenticated request, in one indexed query.
 *
 * @param expiresAt epoch milliseconds after which the token is expired, or {@code null} for never
 */
public record TokenOwner(long tokenId, Long expiresAt, long userRef, String localpart, boolean guest, boolean admin,
                         boolean deactivated, long deviceRef, String deviceId) {
}
