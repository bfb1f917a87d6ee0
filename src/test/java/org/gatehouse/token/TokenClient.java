package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.security.SecureRandom;
import org.gatehouse.testing.MatrixAssertions;
import org.gatehouse.testing.MatrixHttp;

/**
 * Client-side helper of the token ITs (not deployed): registration and login with or without a
 * refresh token, {@code /refresh}, {@code /whoami}, the test clock, and token assertions.
 */
final class TokenClient {

    static final String PASSWORD = "correct horse battery staple";
    static final String REGISTER = "/_matrix/client/v3/register";
    static final String LOGIN = "/_matrix/client/v3/login";
    static final String REFRESH = "/_matrix/client/v3/refresh";
    static final String WHOAMI = "/_matrix/client/v3/account/whoami";
    static final String LOGOUT = "/_matrix/client/v3/logout";
    static final String GET_TOKEN = "/_matrix/client/v1/login/get_token";
    static final String CAPABILITIES = "/_matrix/client/v3/capabilities";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** One session of a user: what login or registration answered. */
    record Session(String localpart, String userId, String deviceId, String accessToken, String refreshToken) {

        /** The session after {@code /refresh} answered {@code refreshed}. */
        Session refreshedWith(JsonObject refreshed) {
            return new Session(localpart, userId, deviceId, refreshed.getString("access_token"),
                    refreshed.getString("refresh_token"));
        }
    }

    final MatrixHttp http;

    TokenClient(URL base) {
        this.http = new MatrixHttp(base);
    }

    static String randomLocalpart() {
        StringBuilder name = new StringBuilder("tok-");
        for (int i = 0; i < 12; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** {@code POST /register} completing {@code m.login.dummy} in one request; the raw reply. */
    MatrixHttp.Reply registerReply(String localpart, boolean refreshToken) {
        return http.post(REGISTER, Json.createObjectBuilder()
                .add("username", localpart)
                .add("password", PASSWORD)
                .add("refresh_token", refreshToken)
                .add("auth", Json.createObjectBuilder().add("type", "m.login.dummy"))
                .build());
    }

    /** Registers a new random user; asserts 200. */
    Session register(boolean refreshToken) {
        String localpart = randomLocalpart();
        MatrixHttp.Reply reply = registerReply(localpart, refreshToken);
        assertEquals(200, reply.status(), reply::text);
        return session(localpart, reply.json());
    }

    /** A password login body with an {@code m.id.user} identifier. */
    static JsonObjectBuilder passwordLogin(String user, String password) {
        return Json.createObjectBuilder()
                .add("type", "m.login.password")
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user))
                .add("password", password);
    }

    /** {@code POST /login} with the password; {@code deviceId} may be {@code null}; the raw reply. */
    MatrixHttp.Reply loginReply(String localpart, String deviceId, boolean refreshToken) {
        JsonObjectBuilder body = passwordLogin(localpart, PASSWORD).add("refresh_token", refreshToken);
        if (deviceId != null) {
            body.add("device_id", deviceId);
        }
        return http.post(LOGIN, body.build());
    }

    /** Logs in; asserts 200. */
    Session login(String localpart, String deviceId, boolean refreshToken) {
        MatrixHttp.Reply reply = loginReply(localpart, deviceId, refreshToken);
        assertEquals(200, reply.status(), reply::text);
        return session(localpart, reply.json());
    }

    private static Session session(String localpart, JsonObject json) {
        assertEquals("@" + localpart + ":localhost", json.getString("user_id"), json::toString);
        return new Session(localpart, json.getString("user_id"), json.getString("device_id"),
                json.getString("access_token"), json.getString("refresh_token", null));
    }

    /** {@code POST /refresh} with {@code refreshToken}; the raw reply. */
    MatrixHttp.Reply refreshReply(String refreshToken) {
        return http.post(REFRESH, Json.createObjectBuilder().add("refresh_token", refreshToken).build());
    }

    /** Refreshes; asserts 200 and the body's shape; returns the body. */
    JsonObject refresh(String refreshToken) {
        MatrixHttp.Reply reply = refreshReply(refreshToken);
        assertEquals(200, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(java.util.Set.of("access_token", "refresh_token", "expires_in_ms"), body.keySet(), body::toString);
        return body;
    }

    MatrixHttp.Reply whoami(String accessToken) {
        return http.get(WHOAMI, accessToken);
    }

    /** Asserts that the session's access token authenticates its user on its device. */
    void assertWorks(Session session) {
        MatrixHttp.Reply reply = whoami(session.accessToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(session.userId(), reply.string("user_id"), reply::text);
        assertEquals(session.deviceId(), reply.string("device_id"), reply::text);
    }

    /** Asserts 401 {@code M_UNKNOWN_TOKEN} with exactly {@code soft_logout: softLogout}. */
    static void assertUnknownToken(MatrixHttp.Reply reply, boolean softLogout) {
        JsonObject body = MatrixAssertions.assertError(reply, 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(softLogout, body.getBoolean("soft_logout"), body::toString);
    }

    /** Asserts that {@code accessToken} is refused as unknown, not as expired. */
    void assertRevoked(String accessToken) {
        assertUnknownToken(whoami(accessToken), false);
    }

    /** Asserts the body of a login or registration that asked for a refresh token. */
    static void assertRefreshable(JsonObject body) {
        assertTrue(body.getString("refresh_token").startsWith("ghr_"), body::toString);
        assertDefaultLifetime(body);
    }

    /** {@code expires_in_ms} is the default 300000 (less the milliseconds the request took). */
    static void assertDefaultLifetime(JsonObject body) {
        long expiresIn = body.getJsonNumber("expires_in_ms").longValueExact();
        assertTrue(expiresIn > 300_000 - 5_000 && expiresIn <= 300_000, body::toString);
    }

    /** Asserts the body of a login or registration without a refresh token. */
    static void assertNotRefreshable(JsonObject body) {
        assertFalse(body.containsKey("refresh_token"), body::toString);
        assertFalse(body.containsKey("expires_in_ms"), body::toString);
        assertTrue(body.containsKey("access_token"), body::toString);
    }

    /** Moves the server's test clock forward. */
    void advanceClock(long millis) {
        http.advanceTestClock(millis);
    }
}
