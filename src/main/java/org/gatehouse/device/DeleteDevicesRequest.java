package org.gatehouse.device;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /delete_devices}: the device IDs and the User-Interactive Authentication {@code auth}. */
public record DeleteDevicesRequest(@NotNull List<String> devices, JsonObject auth) {
}
