package org.gatehouse.uia;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a User-Interactive Authentication session authorises, in words for the person asked to
 * authenticate on a fallback page ("to delete the device ABC"), made from the operation's method,
 * versionless path and parameters when the session starts. Issue 13, item 10: a page that does not
 * say what it authorises lets a link sent by someone else deactivate an account unnoticed.
 */
final class OperationDescriptions {

    /** The longest description stored (the {@code description} column holds 1024). */
    static final int MAX_LENGTH = 1000;

    private static final String DEVICE_PATH = "/devices/";

    private OperationDescriptions() {
    }

    /** The description of the operation, an infinitive phrase without "to". */
    static String describe(String method, String path, JsonObject parameters) {
        String description;
        if ("DELETE".equals(method) && path.startsWith(DEVICE_PATH)) {
            description = "delete the device " + path.substring(DEVICE_PATH.length());
        } else {
            description = switch (path) {
                case "/delete_devices" -> "delete the devices " + listed(parameters.get("devices"));
                case "/account/password" -> "change your password";
                case "/account/deactivate" -> "deactivate your account";
                case "/login/get_token" -> "let a new device sign in to your account";
                case "/register" -> "create an account";
                default -> method + " " + path;
            };
        }
        return description.length() <= MAX_LENGTH ? description : description.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String listed(JsonValue devices) {
        if (devices == null || devices.getValueType() != JsonValue.ValueType.ARRAY) {
            return "named in the request";
        }
        List<String> ids = devices.asJsonArray().stream()
                .map(id -> id instanceof JsonString text ? text.getString() : id.toString())
                .toList();
        return ids.isEmpty() ? "named in the request" : ids.stream().collect(Collectors.joining(", "));
    }
}
