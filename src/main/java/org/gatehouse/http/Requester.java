package org.gatehouse.http;

/**
 * Who made an authenticated request: produced by {@link AccessTokenFilter} from the access token
 * and read by resources through {@link RequestContext}. Immutable.
 *
 * @param userRef    database id of the user
 * @param userId     the full Matrix user ID
 * @param deviceRef  database id of the device, or {@code null} when the request is made without a
 *                   device (an application service that names no {@code device_id})
 * @param deviceId   the device's Matrix device ID, or {@code null} as {@code deviceRef}
 * @param tokenRef   database id of the access token used, or {@code null} for a token that is not
 *                   stored (an application service's {@code as_token})
 * @param appService the application service acting through its {@code as_token}, or {@code null}
 *                   for an ordinary access token
 */
public record Requester(long userRef, String userId, Long deviceRef, String deviceId, Long tokenRef,
                        boolean guest, boolean admin, AppServiceActor appService) {

    /**
     * An application service acting as {@link #userId} (spec: Application Service API, "Identity
     * assertion").
     *
     * @param id          the {@code id} of its registration
     * @param rateLimited the registration's {@code rate_limited}: when false, its requests are
     *                    exempt from every rate limit but {@code login.failed-attempts}
     */
    public record AppServiceActor(String id, boolean rateLimited) {
    }

    /** Whether an application service makes the request. */
    public boolean isAppService() {
        return appService != null;
    }
}
