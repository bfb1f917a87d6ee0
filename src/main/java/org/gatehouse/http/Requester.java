package org.gatehouse.http;

/**
 * Who made an authenticated request: produced by {@link AccessTokenFilter} from the access token
 * and read by resources through {@link RequestContext}. Immutable.
 *
 * @param userRef   database id of the user
 * @param userId    the full Matrix user ID
 * @param deviceRef database id of the device
 * @param deviceId  the device's Matrix device ID
 * @param tokenRef  database id of the access token used
 */
public record Requester(long userRef, String userId, long deviceRef, String deviceId, long tokenRef,
                        boolean guest, boolean admin) {
}
