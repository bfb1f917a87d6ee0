package org.gatehouse.register;

import static org.gatehouse.http.JsonMapping.JSONP;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The registration parameters a UIA session remembers (spec: "Account registration"; the open
 * clarification MSC2907): {@code username}, {@code device_id}, {@code initial_device_display_name},
 * {@code inhibit_login} and {@code refresh_token}. The {@code password} is not among them: the
 * session holds only its hash ({@link org.gatehouse.uia.UiaOutcome#secretHash()}).
 *
 * <p>A request that carries at least one of these five replaces the remembered set with exactly
 * the ones it carries; a request that carries none of them (e.g. only {@code auth}, or only
 * {@code auth} and {@code password}) keeps the remembered set.
 */
final class RegistrationParameters {

    private static final String USERNAME = "username";
    private static final String DEVICE_ID = "device_id";
    private static final String DISPLAY_NAME = "initial_device_display_name";
    private static final String INHIBIT_LOGIN = "inhibit_login";
    private static final String REFRESH_TOKEN = "refresh_token";

    private RegistrationParameters() {
    }

    /** The parameters {@code request} carries, or {@code null} when it carries none of them. */
    static JsonObject carriedBy(RegisterRequest request) {
        JsonObjectBuilder parameters = JSONP.createObjectBuilder();
        addIfPresent(parameters, USERNAME, request.username());
        addIfPresent(parameters, DEVICE_ID, request.deviceId());
        addIfPresent(parameters, DISPLAY_NAME, request.initialDeviceDisplayName());
        if (request.inhibitLogin() != null) {
            parameters.add(INHIBIT_LOGIN, request.inhibitLogin());
        }
        if (request.refreshToken() != null) {
            parameters.add(REFRESH_TOKEN, request.refreshToken());
        }
        JsonObject carried = parameters.build();
        return carried.isEmpty() ? null : carried;
    }

    /**
     * The request to complete: the remembered {@code parameters}, with {@code request}'s
     * {@code type}, {@code password} (only to know one was sent in this request) and
     * {@code guest_access_token} (a token, which the session never stores).
     */
    static RegisterRequest merged(RegisterRequest request, JsonObject parameters) {
        return new RegisterRequest(request.type(), string(parameters, USERNAME), request.password(),
                string(parameters, DEVICE_ID), string(parameters, DISPLAY_NAME), bool(parameters, INHIBIT_LOGIN),
                bool(parameters, REFRESH_TOKEN), request.guestAccessToken());
    }

    private static void addIfPresent(JsonObjectBuilder parameters, String name, String value) {
        if (value != null) {
            parameters.add(name, value);
        }
    }

    private static String string(JsonObject parameters, String name) {
        return parameters.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static Boolean bool(JsonObject parameters, String name) {
        JsonValue value = parameters.get(name);
        return value == null ? null : value.equals(JsonValue.TRUE);
    }
}
