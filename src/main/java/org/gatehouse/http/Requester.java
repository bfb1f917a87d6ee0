package org.gatehouse.http;

import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

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
 * @param locked     whether the account is locked (spec: "Account locking"): {@link AccountLockCheck}
 *                   refuses the request unless the endpoint is marked {@link AllowLocked}
 * @param suspended  whether the account is suspended (spec: "Account suspension"): the services
 *                   that a suspended account may not use refuse it ({@link #refuseIfSuspended})
 */
public record Requester(long userRef, String userId, Long deviceRef, String deviceId, Long tokenRef,
                        boolean guest, boolean admin, AppServiceActor appService, boolean locked, boolean suspended) {

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

    /**
     * Refuses an action that a suspended account may not take (spec: "Account suspension").
     *
     * @throws MatrixException 403 {@code M_USER_SUSPENDED} when the account is suspended
     */
    public void refuseIfSuspended() {
        if (suspended) {
            throw new MatrixException(403, ErrCode.M_USER_SUSPENDED, "You cannot perform this action while suspended.");
        }
    }
}
