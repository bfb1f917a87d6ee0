package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;

/**
 * {@code POST /_matrix/client/v3/delete_devices} (spec: "Device Management", bulk deletion;
 * {@code device_management.yaml}): deletes the listed devices of the requester after
 * User-Interactive Authentication ({@code m.login.password}; none for an application service).
 * Guests may not use it.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/delete_devices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DeleteDevicesResource {

    @Inject
    DeviceManagement devices;

    @Inject
    RequestContext context;

    @POST
    public EmptyResponse deleteDevices(DeleteDevicesRequest request) {
        devices.deleteListed(context.requester(), context.body());
        return EmptyResponse.INSTANCE;
    }
}
