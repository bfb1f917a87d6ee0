package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.gatehouse.device.DeviceDetails;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;

/**
 * A user's devices in Synapse's user admin API shapes ({@link UserDevicesAdministration} states
 * the rules; server admins only):
 * <ul>
 *   <li>{@code GET /_synapse/admin/v2/users/{userId}/devices}: {@code devices} and {@code total};</li>
 *   <li>{@code GET|PUT|DELETE /_synapse/admin/v2/users/{userId}/devices/{deviceId}} ({@code PUT}
 *       sets {@code display_name}; {@code DELETE} logs the device out);</li>
 *   <li>{@code POST /_synapse/admin/v2/users/{userId}/delete_devices} is served by
 *       {@link SynapseUsersResource} (JAX-RS picks one root resource per path) with
 *       {@link #listedDeviceIds}.</li>
 * </ul>
 */
@ApplicationScoped
@Path("/_synapse/admin/v2/users/{userId}/devices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SynapseDevicesResource {

    /** One device, with the user it belongs to. */
    public record AdminDevice(String deviceId, String displayName, String lastSeenIp, Long lastSeenTs,
                              String lastSeenUserAgent, String userId) {

        static AdminDevice of(DeviceDetails device, String userId) {
            return new AdminDevice(device.deviceId(), device.displayName(), device.lastSeenIp(), device.lastSeenTs(),
                    device.lastSeenUserAgent(), userId);
        }
    }

    /** The device list. */
    public record AdminDevices(List<AdminDevice> devices, long total) {
    }

    /** {@code PUT …/devices/{deviceId}}. */
    public record Rename(String displayName) {
    }

    /** {@code POST …/delete_devices}; read from the body to check each element's type. */
    public record DeleteDevices(List<String> devices) {
    }

    @Inject
    UserDevicesAdministration administration;

    @Inject
    RequestContext context;

    @GET
    public AdminDevices list(@PathParam("userId") String userId) {
        List<AdminDevice> devices = administration.list(context.requester(), userId).stream()
                .map(device -> AdminDevice.of(device, userId)).toList();
        return new AdminDevices(devices, devices.size());
    }

    @GET
    @Path("/{deviceId}")
    public AdminDevice get(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId) {
        return AdminDevice.of(administration.get(context.requester(), userId, deviceId), userId);
    }

    @PUT
    @Path("/{deviceId}")
    public EmptyResponse rename(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId,
                                Rename request) {
        administration.rename(context.requester(), userId, deviceId, request == null ? null : request.displayName());
        return EmptyResponse.INSTANCE;
    }

    @DELETE
    @Path("/{deviceId}")
    public EmptyResponse delete(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId) {
        administration.delete(context.requester(), userId, List.of(deviceId));
        return EmptyResponse.INSTANCE;
    }

    /**
     * The device IDs of a {@code delete_devices} body.
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} without {@code devices}, 400
     *         {@code M_BAD_JSON} when it holds anything but strings
     */
    static List<String> listedDeviceIds(JsonObject body) {
        JsonValue listed = body.get("devices");
        if (listed == null || listed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw MatrixException.missingParam("Missing parameter: devices");
        }
        if (listed.asJsonArray().stream().anyMatch(id -> id.getValueType() != JsonValue.ValueType.STRING)) {
            throw MatrixException.badJson("devices must be a list of strings");
        }
        return listed.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
