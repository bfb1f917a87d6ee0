package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.security.SecureRandom;

/**
 * Accounts for integration tests: random usernames, registration through the
 * {@code m.login.dummy} User-Interactive Authentication dance, and password login. Every test
 * makes its own users, so tests need no ordering and can share one server.
 */
public final class Accounts {

    /** The server name the test server runs with. */
    public static final String SERVER_NAME = "localhost";

    /** A password every policy of the test server accepts. */
    public static final String PASSWORD = "correct horse battery staple";

    public static final String REGISTER = "/_matrix/client/v3/register";
    public static final String LOGIN = "/_matrix/client/v3/login";
    public static final String WHOAMI = "/_matrix/client/v3/account/whoami";
    public static final String LOGOUT = "/_matrix/client/v3/logout";
    public static final String LOGOUT_ALL = "/_matrix/client/v3/logout/all";
    public static final String DUMMY = "m.login.dummy";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A user and one of its sessions (access token on a device). */
    public record Account(String localpart, String userId, String password, String accessToken, String deviceId) {

        /** The same user with another session. */
        public Account withSession(String accessToken, String deviceId) {
            return new Account(localpart, userId, password, accessToken, deviceId);
        }
    }

    private final MatrixHttp http;

    public Accounts(MatrixHttp http) {
        this.http = http;
    }

    /** A fresh, valid, lowercase localpart that no other test uses: {@code prefix-} and 12 random characters. */
    public static String randomLocalpart(String prefix) {
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 12; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** {@code @localpart:localhost}. */
    public static String userId(String localpart) {
        return "@" + localpart + ":" + SERVER_NAME;
    }

    /** {@code {"type": "m.login.dummy"}} with the session when it is not {@code null}. */
    public static JsonObject dummyAuth(String session) {
        JsonObjectBuilder auth = Json.createObjectBuilder().add("type", DUMMY);
        if (session != null) {
            auth.add("session", session);
        }
        return auth.build();
    }

    /** {@code {"username": …, "password": …}}. */
    public static JsonObjectBuilder registration(String localpart, String password) {
        return Json.createObjectBuilder().add("username", localpart).add("password", password);
    }

    /** A password login body with an {@code m.id.user} identifier. */
    public static JsonObjectBuilder passwordLogin(String user, String password) {
        return Json.createObjectBuilder()
                .add("type", "m.login.password")
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user))
                .add("password", password);
    }

    /** A password login body with an {@code m.id.thirdparty} identifier for an e-mail address. */
    public static JsonObjectBuilder emailPasswordLogin(String address, String password) {
        return Json.createObjectBuilder()
                .add("type", "m.login.password")
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.thirdparty").add("medium", "email").add("address", address))
                .add("password", password);
    }

    /**
     * Starts a registration without {@code auth} and returns the UIA session of the 401 answer.
     */
    public String startRegistration(JsonObject body) {
        MatrixHttp.Reply challenge = http.post(REGISTER, body);
        assertEquals(401, challenge.status(), challenge::text);
        return challenge.string("session");
    }

    /** {@code body} with {@code auth} added. */
    public static JsonObject withAuth(JsonObject body, JsonObject auth) {
        return Json.createObjectBuilder(body).add("auth", auth).build();
    }

    /** Registers a new user with a random localpart through the dummy UIA dance. */
    public Account register() {
        return register(randomLocalpart("user"));
    }

    /** Registers {@code localpart} through the dummy UIA dance: 401 challenge, then {@code m.login.dummy}. */
    public Account register(String localpart) {
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = startRegistration(body);
        MatrixHttp.Reply done = http.post(REGISTER, withAuth(body, dummyAuth(session)));
        assertEquals(200, done.status(), done::text);
        JsonObject json = done.json();
        return new Account(localpart, json.getString("user_id"), PASSWORD, json.getString("access_token"),
                json.getString("device_id"));
    }

    /** Logs {@code account}'s user in on a new device; returns the new session. */
    public Account login(Account account) {
        return login(account, null);
    }

    /** Logs {@code account}'s user in on {@code deviceId} (a new device when {@code null}). */
    public Account login(Account account, String deviceId) {
        JsonObjectBuilder body = passwordLogin(account.localpart(), account.password());
        if (deviceId != null) {
            body.add("device_id", deviceId);
        }
        MatrixHttp.Reply reply = http.post(LOGIN, body.build());
        assertEquals(200, reply.status(), reply::text);
        JsonObject json = reply.json();
        assertEquals(account.userId(), json.getString("user_id"), json::toString);
        return account.withSession(json.getString("access_token"), json.getString("device_id"));
    }

    /** {@code GET /account/whoami} with the token in the Authorization header. */
    public MatrixHttp.Reply whoami(String accessToken) {
        return http.get(WHOAMI, accessToken);
    }

    /** Asserts that {@code account}'s token authenticates its user and device. */
    public void assertTokenWorks(Account account) {
        MatrixHttp.Reply reply = whoami(account.accessToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"), reply::text);
        assertEquals(account.deviceId(), reply.string("device_id"), reply::text);
    }

    /** Asserts that {@code accessToken} is refused: 401 {@code M_UNKNOWN_TOKEN} with {@code soft_logout: false}. */
    public void assertTokenRevoked(String accessToken) {
        JsonObject body = MatrixAssertions.assertError(whoami(accessToken), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(false, body.getBoolean("soft_logout"), body::toString);
    }
}
