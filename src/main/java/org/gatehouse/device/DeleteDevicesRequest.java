package org.gatehouse.device;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * The body of {@code POST /delete_devices}: the device IDs and the User-Interactive Authentication
 * {@code auth}. {@code devices} is required unless the body is only {@code auth} continuing a UIA
 * session, which remembers them ({@link DeviceManagement#deleteListed}).
 */
public record DeleteDevicesRequest(List<String> devices, JsonObject auth) {
}
