package org.gatehouse.token;

/**
 * The identity a request asserts beside its access token (spec: Application Service API,
 * "Identity assertion"): the {@code user_id} and {@code device_id} query parameters. Only token
 * kinds that may act for other users (an application service's {@code as_token}) read it; every
 * other token ignores it.
 *
 * @param userId   the user to act as, or {@code null} for the token's own user
 * @param deviceId the device of that user to act with, or {@code null} for none
 */
public record IdentityAssertion(String userId, String deviceId) {

    /** No assertion: the token's own user, without a device chosen by the request. */
    public static final IdentityAssertion NONE = new IdentityAssertion(null, null);

    /** The assertion of these parameters; {@link #NONE} when both are {@code null}. */
    public static IdentityAssertion of(String userId, String deviceId) {
        return userId == null && deviceId == null ? NONE : new IdentityAssertion(userId, deviceId);
    }
}
