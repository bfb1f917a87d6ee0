package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.util.Set;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixAssertions;
import org.gatehouse.testing.MatrixHttp;
import org.gatehouse.token.TokenClient.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login tokens (spec: "Login", {@code POST /login/get_token} and {@code m.login.token}): the test
 * server runs with {@code gatehouse.login-token.enabled=true}. Getting a token needs an access
 * token and {@code m.login.password} UIA every time; a token logs its user in once, within
 * 120 s. This deployment carries the test clock ({@link AdjustableClock}) to expire tokens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginTokenIT {

    private static final JsonArray PASSWORD_FLOWS = Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("stages", Json.createArrayBuilder().add("m.login.password")))
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war().addClasses(AdjustableClock.class, AdjustableClockResource.class);
    }

    @ArquillianResource
    private URL base;

    private TokenClient client;

    @BeforeEach
    void connect() {
        client = new TokenClient(base);
    }

    /** {@code {"type": "m.login.password", "identifier": {m.id.user}, "password": …}} with the session when not {@code null}. */
    private static JsonObjectBuilder passwordAuth(String user, String password, String session) {
        JsonObjectBuilder auth = TokenClient.passwordLogin(user, password);
        if (session != null) {
            auth.add("session", session);
        }
        return auth;
    }

    private MatrixHttp.Reply getToken(Session session, JsonObjectBuilder auth) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (auth != null) {
            body.add("auth", auth);
        }
        return client.http.post(TokenClient.GET_TOKEN, body.build(), session.accessToken());
    }

    /** Asserts a UIA challenge without an error: exactly flows, params and session. */
    private static JsonObject assertChallenge(MatrixHttp.Reply reply) {
        assertEquals(401, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(Set.of("flows", "params", "session"), body.keySet(), body::toString);
        assertEquals(PASSWORD_FLOWS, body.getJsonArray("flows"), body::toString);
        assertFalse(body.getString("session").isBlank(), body::toString);
        return body;
    }

    /** Gets a login token for {@code session}'s user: challenge, then m.login.password. */
    private String loginToken(Session session) {
        String uia = assertChallenge(getToken(session, null)).getString("session");
        MatrixHttp.Reply reply = getToken(session, passwordAuth(session.localpart(), TokenClient.PASSWORD, uia));
        assertEquals(200, reply.status(), reply::text);
        return reply.string("login_token");
    }

    private MatrixHttp.Reply tokenLogin(String token) {
        return client.http.post(TokenClient.LOGIN,
                Json.createObjectBuilder().add("type", "m.login.token").add("token", token).build());
    }

    @Test
    void loginFlowsAdvertiseLoginTokensObtainableWithGetToken() {
        MatrixHttp.Reply reply = client.http.get(TokenClient.LOGIN);
        assertEquals(200, reply.status(), reply::text);
        JsonObject tokenFlow = Json.createObjectBuilder().add("type", "m.login.token").add("get_login_token", true).build();
        assertTrue(reply.json().getJsonArray("flows").contains(tokenFlow), reply::text);
    }

    @Test
    void capabilitiesShowGetLoginTokenEnabled() {
        Session session = client.register(false);
        MatrixHttp.Reply reply = client.http.get(TokenClient.CAPABILITIES, session.accessToken());
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.json().getJsonObject("capabilities").getJsonObject("m.get_login_token").getBoolean("enabled"),
                reply::text);
    }

    @Test
    void getTokenWithoutAuthIsAPasswordChallenge() {
        assertChallenge(getToken(client.register(false), null));
    }

    @Test
    void getTokenWithThePasswordReturnsALoginTokenValidFor120Seconds() {
        Session session = client.register(false);
        String uia = assertChallenge(getToken(session, null)).getString("session");

        MatrixHttp.Reply reply = getToken(session, passwordAuth(session.localpart(), TokenClient.PASSWORD, uia));

        assertEquals(200, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(Set.of("login_token", "expires_in_ms"), body.keySet(), body::toString);
        assertFalse(body.getString("login_token").isBlank(), body::toString);
        assertEquals(120_000, body.getJsonNumber("expires_in_ms").longValueExact(), body::toString);
    }

    @Test
    void getTokenWithThePasswordInlineWithoutSessionReturnsALoginToken() {
        Session session = client.register(false);
        MatrixHttp.Reply reply = getToken(session, passwordAuth(session.localpart(), TokenClient.PASSWORD, null));
        assertEquals(200, reply.status(), reply::text);
        assertFalse(reply.string("login_token").isBlank(), reply::text);
    }

    @Test
    void getTokenWithAWrongPasswordIsAFailedAttempt() {
        Session session = client.register(false);
        String uia = assertChallenge(getToken(session, null)).getString("session");

        MatrixHttp.Reply reply = getToken(session, passwordAuth(session.localpart(), "wrong password 123", uia));

        JsonObject body = MatrixAssertions.assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertEquals(PASSWORD_FLOWS, body.getJsonArray("flows"), body::toString);
        assertEquals(uia, body.getString("session"), body::toString);
    }

    @Test
    void getTokenWithAnotherUsersCredentialsIsForbidden() {
        Session session = client.register(false);
        Session other = client.register(false);
        String uia = assertChallenge(getToken(session, null)).getString("session");

        MatrixHttp.Reply reply = getToken(session, passwordAuth(other.localpart(), TokenClient.PASSWORD, uia));

        MatrixAssertions.assertError(reply, 403, "M_FORBIDDEN");
    }

    @Test
    void completedSessionIsNotReusedForAnotherLoginToken() {
        Session session = client.register(false);
        String uia = assertChallenge(getToken(session, null)).getString("session");
        JsonObjectBuilder auth = passwordAuth(session.localpart(), TokenClient.PASSWORD, uia);
        assertEquals(200, getToken(session, auth).status());

        MatrixHttp.Reply again = getToken(session, passwordAuth(session.localpart(), TokenClient.PASSWORD, uia));

        assertNotEquals(uia, assertChallenge(again).getString("session"));
    }

    @Test
    void getTokenWithoutAccessTokenIsMissingToken() {
        MatrixHttp.Reply reply = client.http.post(TokenClient.GET_TOKEN, Json.createObjectBuilder().build());
        MatrixAssertions.assertError(reply, 401, "M_MISSING_TOKEN");
    }

    @Test
    void loginTokenLogsInAsItsUser() {
        Session session = client.register(false);
        String token = loginToken(session);

        MatrixHttp.Reply login = tokenLogin(token);

        assertEquals(200, login.status(), login::text);
        JsonObject body = login.json();
        assertEquals(session.userId(), body.getString("user_id"), body::toString);
        assertNotEquals(session.deviceId(), body.getString("device_id"), body::toString);
        MatrixHttp.Reply whoami = client.whoami(body.getString("access_token"));
        assertEquals(200, whoami.status(), whoami::text);
        assertEquals(session.userId(), whoami.string("user_id"), whoami::text);
        assertEquals(body.getString("device_id"), whoami.string("device_id"), whoami::text);
    }

    @Test
    void loginTokenWorksOnlyOnce() {
        String token = loginToken(client.register(false));
        assertEquals(200, tokenLogin(token).status());

        MatrixAssertions.assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    @Test
    void forgedLoginTokenIsForbidden() {
        String token = loginToken(client.register(false));
        int at = token.length() / 2;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        MatrixAssertions.assertError(tokenLogin(forged), 403, "M_FORBIDDEN");
    }

    @Test
    void forgedLoginTokenDoesNotUseUpTheGenuineOne() {
        String token = loginToken(client.register(false));
        String forged = token.substring(0, token.length() - 8) + (token.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
        MatrixAssertions.assertError(tokenLogin(forged), 403, "M_FORBIDDEN");

        assertEquals(200, tokenLogin(token).status());
    }

    @Test
    void expiredLoginTokenIsForbidden() {
        String token = loginToken(client.register(false));
        client.advanceClock(121_000);

        MatrixAssertions.assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    @Test
    void passwordChangeRevokesUnusedLoginTokens() {
        Session session = client.register(false);
        String token = loginToken(session);

        reauthenticated(session, Reauth.PASSWORD, Json.createObjectBuilder()
                .add("new_password", "another correct horse battery").add("logout_devices", false).build());

        MatrixAssertions.assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    @Test
    void logoutAllRevokesUnusedLoginTokens() {
        Session session = client.register(false);
        String token = loginToken(session);
        MatrixHttp.Reply loggedOut = client.http.post("/_matrix/client/v3/logout/all", JsonObject.EMPTY_JSON_OBJECT,
                session.accessToken());
        assertEquals(200, loggedOut.status(), loggedOut::text);

        MatrixAssertions.assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    @Test
    void deactivationRevokesUnusedLoginTokens() {
        Session session = client.register(false);
        String token = loginToken(session);

        reauthenticated(session, Reauth.DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT);

        MatrixAssertions.assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    /** {@code POST path} with {@code body}, through its password challenge; asserts 200. */
    private void reauthenticated(Session session, String path, JsonObject body) {
        String uia = Reauth.assertPasswordChallenge(client.http.post(path, body, session.accessToken()));
        MatrixHttp.Reply done = client.http.post(path, Json.createObjectBuilder(body)
                .add("auth", Reauth.passwordAuth(uia, session.localpart(), TokenClient.PASSWORD)).build(),
                session.accessToken());
        assertEquals(200, done.status(), done::text);
    }

    @Test
    void loginTokenStillWorksJustBeforeItExpires() {
        String token = loginToken(client.register(false));
        client.advanceClock(110_000);

        MatrixHttp.Reply login = tokenLogin(token);

        assertEquals(200, login.status(), login::text);
    }
}
