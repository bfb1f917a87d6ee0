package org.gatehouse.device;

/** The body of {@code PUT /devices/{deviceId}}: a missing or {@code null} display name leaves it unchanged. */
public record UpdateDeviceRequest(String displayName) {
}
