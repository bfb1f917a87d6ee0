package org.gatehouse.device;

/**
 * A device as {@code GET /devices} and {@code GET /devices/{deviceId}} show it
 * ({@code client_device.yaml}); {@code null} fields are left out of the JSON.
 *
 * @param deviceId    the device ID
 * @param displayName the display name, {@code null} when none was set
 * @param lastSeenIp  the address the device was last seen from, {@code null} when unknown
 * @param lastSeenTs  when the device was last seen (ms since the Unix epoch), {@code null} when never
 */
public record DeviceInfo(String deviceId, String displayName, String lastSeenIp, Long lastSeenTs) {
}
