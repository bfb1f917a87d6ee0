package org.gatehouse.token;

/**
 * What the database knows about the holder of one access token: the row read on every
 * authenticated request, in one indexed query.
 *
 * @param expiresAt         epoch milliseconds after which the token is expired, or {@code null} for never
 * @param retiresRefreshRef the refresh token this token's first use revokes, or {@code null}
 * @param locked            the account is locked (spec: "Account locking")
 * @param suspended         the account is suspended (spec: "Account suspension")
 */
public record TokenOwner(long tokenId, Long expiresAt, Long retiresRefreshRef, long userRef, String localpart, boolean guest, boolean admin,
                         boolean deactivated, long deviceRef, String deviceId, boolean locked, boolean suspended) {
}
