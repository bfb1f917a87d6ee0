package org.gatehouse.device;

/**
 * A CDI event fired synchronously, inside the transaction, by {@link DeviceService} when a device
 * is deleted or taken over by a new login that names its {@code device_id} (spec: "Relationship
 * between access tokens and devices"): whatever was bound to the device's earlier session must
 * let go of it, because the same device ID may later belong to a session that has nothing to do
 * with the earlier one (single sign-on forgets the identity provider's session, so that a later
 * back-channel logout of that session cannot delete the new one).
 *
 * @param userRef  database id of the device's user
 * @param deviceId the device's ID
 */
public record DeviceReleased(long userRef, String deviceId) {
}
