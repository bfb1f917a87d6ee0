package org.gatehouse.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.net.http.HttpRequest;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.MatrixHttp;

/**
 * Requests for the endpoints that ask for the password again through User-Interactive
 * Authentication (devices, password change, deactivation), and the assertions on their answers.
 */
public final class Reauth {

    public static final String DEVICES = "/_matrix/client/v3/devices";
    public static final String DELETE_DEVICES = "/_matrix/client/v3/delete_devices";
    public static final String PASSWORD = "/_matrix/client/v3/account/password";
    public static final String DEACTIVATE = "/_matrix/client/v3/account/deactivate";
    public static final String PASSWORD_STAGE = "m.login.password";

    private final MatrixHttp http;

    public Reauth(MatrixHttp http) {
        this.http = http;
    }

    /** {@code {"type": "m.login.password", "identifier": {m.id.user}, "password": …, "session": …}}. */
    public static JsonObject passwordAuth(String session, String user, String password) {
        return Json.createObjectBuilder()
                .add("type", PASSWORD_STAGE)
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user))
                .add("password", password)
                .add("session", session)
                .build();
    }

    /** {@code body} with {@code auth} for {@code account}'s own password in {@code session}. */
    public static JsonObject withPassword(JsonObject body, String session, Accounts.Account account) {
        return Accounts.withAuth(body, passwordAuth(session, account.localpart(), account.password()));
    }

    /** {@code DELETE /devices/{deviceId}} with a JSON body. */
    public MatrixHttp.Reply deleteDevice(String accessToken, String deviceId, JsonStructure body) {
        return send("DELETE", DEVICES + "/" + deviceId, accessToken, body);
    }

    /** {@code PUT /devices/{deviceId}} with a JSON body. */
    public MatrixHttp.Reply putDevice(String accessToken, String deviceId, JsonStructure body) {
        return send("PUT", DEVICES + "/" + deviceId, accessToken, body);
    }

    /** Any method with a JSON body and the access token. */
    public MatrixHttp.Reply send(String method, String path, String accessToken, JsonStructure body) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /**
     * Asserts the UIA challenge: 401 with exactly {@code flows} ([[m.login.password]]),
     * {@code params} and {@code session}; returns the session.
     */
    public static String assertPasswordChallenge(MatrixHttp.Reply reply) {
        assertEquals(401, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(java.util.Set.of("flows", "params", "session"), body.keySet(), body::toString);
        assertPasswordFlows(body);
        assertFalse(body.getString("session").isBlank(), body::toString);
        return body.getString("session");
    }

    /** Asserts that {@code body}'s flows are exactly [{"stages": ["m.login.password"]}]. */
    public static void assertPasswordFlows(JsonObject body) {
        assertEquals(Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("stages", Json.createArrayBuilder().add(PASSWORD_STAGE)))
                        .build(),
                body.getJsonArray("flows"), body::toString);
    }
}
