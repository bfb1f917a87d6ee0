package org.gatehouse.device;

import jakarta.json.JsonObject;

/**
 * The body of {@code DELETE /devices/{deviceId}}: only the User-Interactive Authentication
 * {@code auth}, which the UIA engine reads from the raw body; binding the body to this record
 * makes it read and checked like every other request body.
 */
public record DeleteDeviceRequest(JsonObject auth) {
}
