package org.gatehouse.login;

/**
 * A CDI event fired by {@link LoginService} after a login opened a device session, for features
 * that remember where a session came from (single sign-on records the identity provider's
 * session for back-channel logout).
 *
 * @param type     the login type, e.g. {@code m.login.token}
 * @param token    the login token of an {@code m.login.token} login, else {@code null}
 * @param userRef  database id of the user
 * @param deviceId the device the login opened
 */
public record LoginSucceeded(String type, String token, long userRef, String deviceId) {
}
