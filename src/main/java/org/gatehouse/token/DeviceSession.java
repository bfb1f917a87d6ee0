package org.gatehouse.token;

/**
 * What a successful login or registration hands the client.
 *
 * @param userId      the full Matrix user ID
 * @param deviceId    the device the tokens belong to
 * @param accessToken the new access token
 */
public record DeviceSession(String userId, String deviceId, String accessToken) {
}
