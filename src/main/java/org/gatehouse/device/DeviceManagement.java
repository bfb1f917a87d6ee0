package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.device.LastSeenTracker.Sighting;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.uia.ReauthFlows;
import org.gatehouse.uia.UiaOperation;
import org.gatehouse.uia.UiaOutcome;
import org.gatehouse.uia.UiaService;
import org.gatehouse.infra.Audit;

/**
 * The device management module (spec: "Device Management", {@code device_management.yaml}): a user
 * lists, reads and renames their own devices, and deletes them after re-entering their password;
 * an application service acting as a user also creates devices and deletes them without
 * re-authentication (Application Service API, "Device management").
 * Devices are looked up among the requester's own, so another user's device ID is as unknown as a
 * made-up one.
 */
@ApplicationScoped
public class DeviceManagement {

    /**
     * The one flow that deleting devices offers: the spec's security considerations ask for
     * authentication beyond the access token, so the password is asked for on every deletion.
     */
    @Inject
    ReauthFlows reauthFlows;

    /** What {@link UiaService#finish} records for a completed deletion. */
    private static final String DELETED = "deleted";

    @Inject
    DeviceRepository devices;

    @Inject
    DeviceService deviceService;

    @Inject
    DeviceActivity activity;

    @Inject
    UiaService uia;

    @Inject
    Audit audit;

    /** Every device of the user, ordered by device ID, with their last sighting. */
    @Transactional
    public List<DeviceInfo> list(long userRef) {
        return devices.findByUser(userRef).stream().map(this::info).toList();
    }

    /**
     * One device of the user.
     *
     * @throws MatrixException 404 {@code M_NOT_FOUND} when the user has no device with this ID
     */
    @Transactional
    public DeviceInfo get(long userRef, String deviceId) {
        return info(find(userRef, deviceId));
    }

    /**
     * Sets the display name of a device of the requester; {@code null} keeps it. A device that
     * does not exist is created for an application service (spec: Application Service API,
     * "Device management", "Creating devices") and is 404 for anyone else.
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for a name longer than
     *         {@value Device#MAX_DISPLAY_NAME_LENGTH} characters or, when creating, a malformed
     *         device ID; 404 {@code M_NOT_FOUND} when the user has no device with this ID
     */
    @Transactional
    public void update(Requester requester, String deviceId, String displayName) {
        requireDisplayNameFits(displayName);
        Optional<Device> existing = devices.find(requester.userRef(), deviceId);
        if (existing.isEmpty() && requester.isAppService()) {
            deviceService.createForAppService(requester.userRef(), deviceId, displayName);
            return;
        }
        Device device = existing.orElseThrow(() -> MatrixException.notFound("Unknown device"));
        if (displayName != null) {
            device.rename(displayName);
        }
    }

    /**
     * {@code DELETE /devices/{deviceId}}: deletes one device of the requester, as {@link #delete}.
     */
    public void deleteOne(Requester requester, String deviceId, JsonObject body) {
        delete(requester, "DELETE", "/devices/" + deviceId, body, parameters -> List.of(deviceId));
    }

    /**
     * {@code POST /delete_devices}: deletes the requester's devices listed in the body's
     * {@code devices}, as {@link #delete}. A later UIA stage that sends only {@code auth} deletes
     * the devices its session remembers.
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} without {@code devices}; 400
     *         {@code M_BAD_JSON} when an element of {@code devices} is not a string (JSON-B would
     *         quietly turn a number into one)
     */
    public void deleteListed(Requester requester, JsonObject body) {
        if (!UiaOperation.continuesSession(body)) {
            listedDeviceIds(body);
        }
        delete(requester, "POST", "/delete_devices", body, DeviceManagement::listedDeviceIds);
    }

    private static List<String> listedDeviceIds(JsonObject parameters) {
        JsonValue listed = parameters.get("devices");
        if (listed == null || listed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw MatrixException.missingParam("Missing parameter: devices");
        }
        if (listed.asJsonArray().stream().anyMatch(id -> id.getValueType() != JsonValue.ValueType.STRING)) {
            throw MatrixException.badJson("devices must be a list of strings");
        }
        return listed.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /**
     * Deletes the requester's devices that {@code deviceIds} names in the operation's parameters,
     * once the request's {@code auth} completes a flow of {@link ReauthFlows} ({@code m.login.password}, or
     * {@code m.login.sso} for an account that signs in through single sign-on) for the requester,
     * revoking their tokens; IDs of no device of the requester are skipped (the spec answers 200
     * for devices "removed previously"). The UIA session is bound to the method, the path and the
     * body ({@link UiaOperation#forUser}); a later stage may send only {@code auth}, and a
     * completed session is not accepted again. An application service deletes without
     * User-Interactive Authentication (Application Service API, "Device management", "Deleting
     * devices").
     *
     * @param path the path without its version prefix, e.g. {@code /devices/ABC}
     * @throws MatrixException 401 with the UIA body until the password is given, and after a
     *         wrong one ({@code M_FORBIDDEN}); 403 {@code M_FORBIDDEN} for another user's
     *         credentials or a session of another operation
     */
    private void delete(Requester requester, String method, String path, JsonObject body,
                        Function<JsonObject, List<String>> deviceIds) {
        if (requester.isAppService()) {
            deleteNow(requester, deviceIds.apply(body));
            return;
        }
        UiaOutcome outcome = uia.authenticate(UiaOperation.forUser(method, path, body, null, requester.userRef(),
                reauthFlows.forUser(requester.userRef())));
        deleteNow(requester, deviceIds.apply(outcome.parameters()));
        uia.finish(outcome.sessionId(), DELETED);
    }

    private void deleteNow(Requester requester, List<String> deviceIds) {
        deviceService.deleteByDeviceIds(requester.userRef(), deviceIds);
        deviceIds.forEach(deviceId -> audit.deviceDeleted(requester.userId(), deviceId));
    }

    /** Every device of the user, ordered by device ID, with their last sighting and user agent (for admins). */
    @Transactional
    public List<DeviceDetails> details(long userRef) {
        return devices.findByUser(userRef).stream().map(this::details).toList();
    }

    /**
     * One device of the user with its user agent (for admins).
     *
     * @throws MatrixException 404 {@code M_NOT_FOUND} when the user has no device with this ID
     */
    @Transactional
    public DeviceDetails details(long userRef, String deviceId) {
        return details(find(userRef, deviceId));
    }

    /**
     * Renames a device of the user on an admin's behalf; {@code null} keeps the name.
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for a name longer than
     *         {@value Device#MAX_DISPLAY_NAME_LENGTH} characters; 404 {@code M_NOT_FOUND} when the
     *         user has no device with this ID
     */
    @Transactional
    public void rename(long userRef, String deviceId, String displayName) {
        requireDisplayNameFits(displayName);
        Device device = find(userRef, deviceId);
        if (displayName != null) {
            device.rename(displayName);
        }
    }

    private Device find(long userRef, String deviceId) {
        return devices.find(userRef, deviceId).orElseThrow(() -> MatrixException.notFound("Unknown device"));
    }

    private DeviceDetails details(Device device) {
        Optional<Sighting> seen = activity.lastSeen(device.id(), device.lastSeenTs(), device.lastSeenIp(),
                device.lastSeenUserAgent());
        return new DeviceDetails(device.deviceId(), device.displayName(), seen.map(Sighting::ip).orElse(null),
                seen.map(Sighting::timestamp).orElse(null), seen.map(Sighting::userAgent).orElse(null));
    }

    private DeviceInfo info(Device device) {
        Optional<Sighting> seen = activity.lastSeen(device.id(), device.lastSeenTs(), device.lastSeenIp());
        return new DeviceInfo(device.deviceId(), device.displayName(), seen.map(Sighting::ip).orElse(null),
                seen.map(Sighting::timestamp).orElse(null));
    }

    private static void requireDisplayNameFits(String displayName) {
        if (displayName != null && displayName.length() > Device.MAX_DISPLAY_NAME_LENGTH) {
            throw MatrixException.invalidParam("display_name must be at most " + Device.MAX_DISPLAY_NAME_LENGTH
                    + " characters long");
        }
    }
}
