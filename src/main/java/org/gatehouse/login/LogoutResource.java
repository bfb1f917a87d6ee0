package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.device.DeviceService;
import org.gatehouse.http.AllowGuest;
import org.gatehouse.http.AllowLocked;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;
import org.gatehouse.infra.Audit;

/**
 * {@code POST /_matrix/client/v3/logout} and {@code POST /_matrix/client/v3/logout/all} (spec:
 * "Login", {@code logout.yaml}). Both take an empty body. A locked account may log out (spec:
 * "Account locking"), so both are {@link AllowLocked}.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/logout")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AllowGuest
@AllowLocked
public class LogoutResource {

    @Inject
    DeviceService devices;

    @Inject
    RequestContext context;

    @Inject
    Audit audit;

    /**
     * Invalidates the access token used and deletes its device. An application service acting
     * with a device deletes that device; without one there is nothing to invalidate (its
     * {@code as_token} is configuration) and the request succeeds, as on Synapse.
     */
    @POST
    public EmptyResponse logout() {
        Long deviceRef = context.requester().deviceRef();
        if (deviceRef != null) {
            devices.delete(deviceRef);
        }
        audit.loggedOut(context.requester().userId(), context.requester().deviceId(), false);
        return EmptyResponse.INSTANCE;
    }

    /** Invalidates every access token of the user and deletes every device. */
    @POST
    @Path("/all")
    public EmptyResponse logoutAll() {
        devices.deleteAll(context.requester().userRef());
        audit.loggedOut(context.requester().userId(), context.requester().deviceId(), true);
        return EmptyResponse.INSTANCE;
    }
}
