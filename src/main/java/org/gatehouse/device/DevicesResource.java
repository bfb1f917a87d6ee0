package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.AllowGuest;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;

/**
 * {@code GET /_matrix/client/v3/devices} and {@code GET}, {@code PUT}, {@code DELETE} on
 * {@code /_matrix/client/v3/devices/{deviceId}} (spec: "Device Management";
 * {@code device_management.yaml}). Guests may list, read and rename their devices, not delete them
 * (spec: "Guest Access", "Client behaviour").
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/devices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DevicesResource {

    @Inject
    DeviceManagement devices;

    @Inject
    RequestContext context;

    /** Every device of the requester. */
    @GET
    @AllowGuest
    public DeviceList list() {
        return new DeviceList(devices.list(context.requester().userRef()));
    }

    /** One device of the requester; 404 {@code M_NOT_FOUND} for any other ID. */
    @GET
    @Path("/{deviceId}")
    @AllowGuest
    public DeviceInfo get(@PathParam("deviceId") String deviceId) {
        return devices.get(context.requester().userRef(), lookupable(deviceId));
    }

    /**
     * Renames one of the requester's devices; 404 {@code M_NOT_FOUND} for any other ID, except that
     * an application service creates the device. A suspended account may not rename its devices
     * (403 {@code M_USER_SUSPENDED}, spec: "Account suspension": a device's display name is
     * visible to other users, like profile data).
     */
    @PUT
    @Path("/{deviceId}")
    @AllowGuest
    public EmptyResponse update(@PathParam("deviceId") String deviceId, UpdateDeviceRequest request) {
        context.requester().refuseIfSuspended();
        devices.update(context.requester(), lookupable(deviceId), request.displayName());
        return EmptyResponse.INSTANCE;
    }

    /**
     * Deletes one of the requester's devices after User-Interactive Authentication
     * ({@code m.login.password}; none for an application service).
     */
    @DELETE
    @Path("/{deviceId}")
    public EmptyResponse delete(@PathParam("deviceId") String deviceId, DeleteDeviceRequest request) {
        devices.deleteOne(context.requester(), lookupable(deviceId), context.body());
        return EmptyResponse.INSTANCE;
    }

    /** The path's device ID, refused with 400 {@code M_INVALID_PARAM} when it cannot name a device ({@link DeviceIds#isLookupable}). */
    private static String lookupable(String deviceId) {
        if (!DeviceIds.isLookupable(deviceId)) {
            throw MatrixException.invalidParam("deviceId is not a device ID");
        }
        return deviceId;
    }
}
