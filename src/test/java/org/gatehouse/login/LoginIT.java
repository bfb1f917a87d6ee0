package org.gatehouse.login;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.Accounts.randomLocalpart;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code GET /login} and {@code POST /login} with {@code m.login.password} (spec: "Login", {@code login.yaml}). */
class LoginIT extends ClientIT {

    private static final JsonObject INVALID_CREDENTIALS = Json.createObjectBuilder()
            .add("errcode", "M_FORBIDDEN")
            .add("error", "Invalid username or password")
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void loginFlowsListPasswordLogin() {
        var reply = http.get(LOGIN);

        assertEquals(200, reply.status(), reply::text);
        var flows = reply.json().getJsonArray("flows");
        assertTrue(flows.stream().map(flow -> flow.asJsonObject().getString("type"))
                .anyMatch("m.login.password"::equals), flows::toString);
        assertTrue(flows.stream().map(flow -> flow.asJsonObject().getString("type"))
                .noneMatch("org.matrix.login.jwt"::equals), "JWT login is off by default: " + flows);
    }

    @Test
    void jwtLoginIsRefusedWhileDisabled() {
        var reply = http.post(LOGIN, Json.createObjectBuilder().add("type", "org.matrix.login.jwt").add("token", "a.b.c").build());

        assertError(reply, 400, "M_UNKNOWN");
    }

    @Test
    void passwordLoginWithLocalpartSucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin(account.localpart(), account.password()).build());

        assertEquals(200, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(Set.of("user_id", "access_token", "device_id"), body.keySet(), body::toString);
        assertEquals(account.userId(), body.getString("user_id"));
        accounts.assertTokenWorks(account.withSession(body.getString("access_token"), body.getString("device_id")));
    }

    @Test
    void passwordLoginWithFullUserIdSucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin(account.userId(), account.password()).build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void passwordLoginIgnoresTheCaseOfTheLocalpart() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin(account.localpart().toUpperCase(Locale.ROOT), account.password())
                .build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void passwordLoginIgnoresTheCaseOfTheFullUserId() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin(account.userId().toUpperCase(Locale.ROOT), account.password())
                .build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void passwordLoginWithDeprecatedTopLevelUserSucceeds() {
        Accounts.Account account = accounts.register();
        var body = Json.createObjectBuilder()
                .add("type", "m.login.password")
                .add("user", account.localpart())
                .add("password", account.password())
                .build();

        var reply = http.post(LOGIN, body);

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }

    @Test
    void loginOfUnknownUserIsForbidden() {
        var reply = http.post(LOGIN, passwordLogin(randomLocalpart("nobody"), Accounts.PASSWORD).build());

        assertError(reply, 403, "M_FORBIDDEN");
        assertEquals(INVALID_CREDENTIALS, reply.json());
    }

    @Test
    void loginWithWrongPasswordIsForbidden() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin(account.localpart(), "not the password").build());

        assertError(reply, 403, "M_FORBIDDEN");
        assertEquals(INVALID_CREDENTIALS, reply.json());
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        Accounts.Account account = accounts.register();

        var wrongPassword = http.post(LOGIN, passwordLogin(account.localpart(), "not the password").build());
        var unknownUser = http.post(LOGIN, passwordLogin(randomLocalpart("nobody"), "not the password").build());

        assertEquals(wrongPassword.status(), unknownUser.status());
        assertEquals(wrongPassword.text(), unknownUser.text());
    }

    @Test
    void loginAsUserOfAnotherServerIsForbidden() {
        var reply = http.post(LOGIN, passwordLogin("@x:other.example", Accounts.PASSWORD).build());

        assertError(reply, 403, "M_FORBIDDEN");
    }

    @Test
    void loginWithLocalUsersNameOnAnotherServerIsForbidden() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGIN, passwordLogin("@" + account.localpart() + ":other.example", account.password())
                .build());

        assertError(reply, 403, "M_FORBIDDEN");
    }

    @Test
    void unknownLoginTypeIsUnknown() {
        var body = Json.createObjectBuilder().add("type", "m.login.bogus").build();

        assertError(http.post(LOGIN, body), 400, "M_UNKNOWN");
    }

    @Test
    void loginWithoutTypeIsMissingParam() {
        var body = passwordLogin(randomLocalpart("notype"), Accounts.PASSWORD).remove("type").build();

        assertError(http.post(LOGIN, body), 400, "M_MISSING_PARAM");
    }

    @Test
    void passwordLoginWithoutPasswordIsMissingParam() {
        Accounts.Account account = accounts.register();

        var body = passwordLogin(account.localpart(), "x").remove("password").build();

        assertError(http.post(LOGIN, body), 400, "M_MISSING_PARAM");
    }

    @Test
    void loginWithExistingDeviceIdReturnsThatDevice() {
        Accounts.Account account = accounts.register();

        Accounts.Account again = accounts.login(account, account.deviceId());

        assertEquals(account.deviceId(), again.deviceId());
        assertNotEquals(account.accessToken(), again.accessToken());
        accounts.assertTokenWorks(again);
    }

    @Test
    void loginWithExistingDeviceIdRevokesTheDevicesOldToken() {
        Accounts.Account account = accounts.register();

        accounts.login(account, account.deviceId());

        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void loginWithExistingDeviceIdKeepsOtherDevicesTokens() {
        Accounts.Account account = accounts.register();
        Accounts.Account otherDevice = accounts.login(account);

        accounts.login(account, account.deviceId());

        accounts.assertTokenWorks(otherDevice);
    }

    @Test
    void loginWithNewDeviceIdCreatesThatDevice() {
        Accounts.Account account = accounts.register();
        String deviceId = "MYDEVICE" + randomLocalpart("d").toUpperCase(Locale.ROOT);

        Accounts.Account session = accounts.login(account, deviceId);

        assertEquals(deviceId, session.deviceId());
        accounts.assertTokenWorks(session);
        accounts.assertTokenWorks(account);
    }

    @Test
    void loginWithInvalidDeviceIdIsInvalidParam() {
        Accounts.Account account = accounts.register();

        var body = passwordLogin(account.localpart(), account.password()).add("device_id", "bad id").build();

        assertError(http.post(LOGIN, body), 400, "M_INVALID_PARAM");
    }

    @Test
    void loginWithoutDeviceIdCreatesANewDeviceEachTime() {
        Accounts.Account account = accounts.register();

        Accounts.Account first = accounts.login(account);
        Accounts.Account second = accounts.login(account);

        assertNotEquals(first.deviceId(), second.deviceId());
        assertNotEquals(account.deviceId(), first.deviceId());
        accounts.assertTokenWorks(first);
        accounts.assertTokenWorks(second);
    }

    @Test
    void legacyR0PrefixLogsInLikeV3() {
        Accounts.Account account = accounts.register();

        var reply = http.post("/_matrix/client/r0/login", passwordLogin(account.localpart(), account.password()).build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(account.userId(), reply.string("user_id"));
    }
}
