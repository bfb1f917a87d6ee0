package org.gatehouse.token;

/**
 * What a successful login or registration hands the client.
 *
 * @param userId   the full Matrix user ID
 * @param deviceId the device the tokens belong to
 * @param tokens   the access token, and the refresh token when one was asked for
 */
public record DeviceSession(String userId, String deviceId, IssuedTokens tokens) {
}
