package org.gatehouse.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.DeviceSession;
import org.gatehouse.token.TokenService;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;
import org.gatehouse.infra.UniqueViolations;

/**
 * Devices and the sessions on them (spec: "Relationship between access tokens and devices"):
 * a login or registration either creates a device or, given an existing {@code device_id},
 * takes that device over and revokes the tokens previously assigned to it.
 */
@ApplicationScoped
public class DeviceService {

    @Inject
    DeviceRepository devices;

    @Inject
    TokenService tokens;

    @Inject
    UserRepository users;

    @Inject
    ServerConfig server;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    @Inject
    Event<DeviceReleased> released;

    /**
     * Opens a session for {@code user} on the requested device (a new one when {@code deviceId}
     * is {@code null}) and issues its access token.
     *
     * @param displayName the device's display name when it is created; ignored for an existing device
     * @param refreshable  whether to issue a refresh token with an expiring access token
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for a malformed device ID
     */
    @Transactional
    public DeviceSession openSession(User user, String deviceId, String displayName, boolean refreshable) {
        Device device = deviceId == null
                ? create(user, DeviceIds.generate(random), displayName)
                : reuseOrCreate(user, deviceId, displayName);
        return new DeviceSession("@" + user.localpart() + ":" + server.serverName(), device.deviceId(),
                tokens.issue(user, device, refreshable));
    }

    /**
     * Opens a session for {@code user} on a new device whose access token expires at
     * {@code expiresAt} ({@link TokenService#issueUntil}), without a refresh token.
     */
    @Transactional
    public DeviceSession openSessionUntil(User user, String displayName, Long expiresAt) {
        Device device = create(user, DeviceIds.generate(random), displayName);
        return new DeviceSession("@" + user.localpart() + ":" + server.serverName(), device.deviceId(),
                tokens.issueUntil(user, device, expiresAt));
    }

    /**
     * Creates a device of user {@code userRef} without any session: an application service's
     * device (Application Service API, "Device management", "Creating devices").
     *
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for a malformed device ID
     */
    @Transactional
    public void createForAppService(long userRef, String deviceId, String displayName) {
        if (!DeviceIds.isValid(deviceId)) {
            throw MatrixException.invalidParam("The device ID is not valid");
        }
        User user = users.findById(userRef).orElseThrow(() -> MatrixException.forbidden("Unknown user"));
        create(user, deviceId, displayName);
    }

    /** Revokes the device's tokens and deletes it; nothing happens for a device that is gone. */
    @Transactional
    public void delete(long deviceRef) {
        tokens.revokeDevice(deviceRef);
        devices.findByRef(deviceRef).ifPresent(this::forget);
    }

    /** Revokes every token of the user and deletes every device. */
    @Transactional
    public void deleteAll(long userRef) {
        tokens.revokeUser(userRef);
        devices.findByUser(userRef).forEach(this::forget);
    }

    /**
     * Revokes the tokens of the user's devices with these device IDs and deletes them; IDs of no
     * device of the user (unknown, already deleted or another user's) are skipped.
     */
    @Transactional
    public void deleteByDeviceIds(long userRef, Collection<String> deviceIds) {
        Set<String> doomed = Set.copyOf(deviceIds);
        devices.findByUser(userRef).stream().filter(device -> doomed.contains(device.deviceId())).forEach(this::remove);
    }

    /** Revokes the tokens of every device of the user but {@code keptDeviceRef} and deletes those devices. */
    @Transactional
    public void deleteAllExcept(long userRef, long keptDeviceRef) {
        devices.findByUser(userRef).stream().filter(device -> device.id() != keptDeviceRef).forEach(this::remove);
    }

    private void remove(Device device) {
        tokens.revokeDevice(device.id());
        forget(device);
    }

    /** Deletes the device, whose tokens are revoked, and tells its earlier session's observers ({@link DeviceReleased}). */
    private void forget(Device device) {
        devices.delete(device);
        released.fire(new DeviceReleased(device.user().id(), device.deviceId()));
    }

    private Device reuseOrCreate(User user, String deviceId, String displayName) {
        if (!DeviceIds.isValid(deviceId)) {
            throw MatrixException.invalidParam("device_id is not a valid device ID");
        }
        Optional<Device> existing = devices.find(user.id(), deviceId);
        if (existing.isPresent()) {
            tokens.revokeDevice(existing.get().id());
            released.fire(new DeviceReleased(user.id(), deviceId));
            return existing.get();
        }
        return create(user, deviceId, displayName);
    }

    private Device create(User user, String deviceId, String displayName) {
        try {
            return devices.insert(new Device(user, deviceId, displayName, clock.millis()));
        } catch (PersistenceException e) {
            if (UniqueViolations.causedBy(e)) {
                throw new MatrixException(409, ErrCode.M_UNKNOWN, "The device was created concurrently; try again");
            }
            throw e;
        }
    }
}
