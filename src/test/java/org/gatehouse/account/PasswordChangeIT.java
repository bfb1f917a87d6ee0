package org.gatehouse.account;

import static org.gatehouse.device.Reauth.DEVICES;
import static org.gatehouse.device.Reauth.PASSWORD;
import static org.gatehouse.device.Reauth.assertPasswordChallenge;
import static org.gatehouse.device.Reauth.assertPasswordFlows;
import static org.gatehouse.device.Reauth.passwordAuth;
import static org.gatehouse.device.Reauth.withPassword;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /account/password} (spec: "Password management", {@code password_management.yaml})
 * and the {@code m.change_password} capability.
 */
class PasswordChangeIT extends ClientIT {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    private static JsonObject change(String newPassword) {
        return Json.createObjectBuilder().add("new_password", newPassword).build();
    }

    private static JsonObject change(String newPassword, boolean logoutDevices) {
        return Json.createObjectBuilder().add("new_password", newPassword).add("logout_devices", logoutDevices).build();
    }

    /** Changes the password through the whole dance as {@code account}; asserts 200 {}. */
    private void changeWithPassword(Account account, JsonObject body) {
        String session = assertPasswordChallenge(http.post(PASSWORD, body, account.accessToken()));
        var done = http.post(PASSWORD, withPassword(body, session, account), account.accessToken());
        assertEquals(200, done.status(), done::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, done.json());
    }

    private MatrixHttp.Reply login(Account account, String password) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(account.localpart(), password).build());
    }

    @Test
    void changeWithoutAuthIsChallengedForThePassword() {
        Account account = accounts.register();

        assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));
        assertEquals(200, login(account, account.password()).status());
    }

    @Test
    void theNewPasswordLogsIn() {
        Account account = accounts.register();

        changeWithPassword(account, change(NEW_PASSWORD));

        var reply = login(account, NEW_PASSWORD);
        assertEquals(200, reply.status(), reply::text);
    }

    @Test
    void theOldPasswordNoLongerLogsIn() {
        Account account = accounts.register();

        changeWithPassword(account, change(NEW_PASSWORD));

        assertError(login(account, account.password()), 403, "M_FORBIDDEN");
    }

    @Test
    void otherDevicesAreLoggedOutAndDeletedByDefault() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        changeWithPassword(account, change(NEW_PASSWORD));

        accounts.assertTokenRevoked(other.accessToken());
        var reply = http.get(DEVICES, account.accessToken());
        assertEquals(List.of(account.deviceId()), reply.json().getJsonArray("devices").getValuesAs(JsonObject.class)
                .stream().map(device -> device.getString("device_id")).toList(), reply::text);
    }

    @Test
    void theCallersTokenKeepsWorking() {
        Account account = accounts.register();
        accounts.login(account);

        changeWithPassword(account, change(NEW_PASSWORD));

        accounts.assertTokenWorks(account);
    }

    @Test
    void logoutDevicesTrueLogsOutOtherDevices() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        changeWithPassword(account, change(NEW_PASSWORD, true));

        accounts.assertTokenRevoked(other.accessToken());
        accounts.assertTokenWorks(account);
    }

    @Test
    void logoutDevicesFalseKeepsOtherDevices() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        changeWithPassword(account, change(NEW_PASSWORD, false));

        accounts.assertTokenWorks(other);
        accounts.assertTokenWorks(account);
    }

    @Test
    void otherUsersAreNotLoggedOut() {
        Account account = accounts.register();
        Account stranger = accounts.register();

        changeWithPassword(account, change(NEW_PASSWORD));

        accounts.assertTokenWorks(stranger);
    }

    @Test
    void aWeakPasswordIsRefusedBeforeAuthentication() {
        Account account = accounts.register();

        assertError(http.post(PASSWORD, change("short"), account.accessToken()), 400, "M_WEAK_PASSWORD");
    }

    @Test
    void aWeakPasswordIsRefusedWithAuthentication() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));

        var reply = http.post(PASSWORD, withPassword(change("short"), session, account), account.accessToken());

        assertError(reply, 400, "M_WEAK_PASSWORD");
        assertEquals(200, login(account, account.password()).status());
    }

    @Test
    void missingNewPasswordIsMissingParam() {
        Account account = accounts.register();

        assertError(http.post(PASSWORD, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()), 400, "M_MISSING_PARAM");
    }

    @Test
    void wrongCurrentPasswordIsAFailedAttemptWithTheFlows() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));

        var reply = http.post(PASSWORD, Accounts.withAuth(change(NEW_PASSWORD),
                passwordAuth(session, account.localpart(), "wrong password")), account.accessToken());

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertPasswordFlows(body);
        assertError(login(account, NEW_PASSWORD), 403, "M_FORBIDDEN");
    }

    @Test
    void anotherUsersCredentialsAreForbidden() {
        Account account = accounts.register();
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));

        var reply = http.post(PASSWORD, Accounts.withAuth(change(NEW_PASSWORD),
                passwordAuth(session, stranger.localpart(), stranger.password())), account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        assertEquals(200, login(account, account.password()).status());
    }

    @Test
    void aCompletedSessionIsNotAcceptedAgain() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));
        JsonObject authenticated = withPassword(change(NEW_PASSWORD), session, account);
        assertEquals(200, http.post(PASSWORD, authenticated, account.accessToken()).status());

        var again = http.post(PASSWORD, authenticated, account.accessToken());

        assertNotEquals(session, assertPasswordChallenge(again));
    }

    @Test
    void aSessionStartedWithOtherOptionsIsForbidden() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD, false), account.accessToken()));

        var reply = http.post(PASSWORD, withPassword(change(NEW_PASSWORD, true), session, account), account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(other);
    }

    @Test
    void aLaterStageWithOnlyAuthChangesToTheNewPasswordSentFirst() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD, false), account.accessToken()));

        var reply = http.post(PASSWORD, onlyPassword(session, account), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(200, login(account, NEW_PASSWORD).status());
        assertError(login(account, account.password()), 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(other);
    }

    @Test
    void aNewPasswordSentWithALaterStageReplacesTheOneSentFirst() {
        Account account = accounts.register();
        String later = "the password chosen later";
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD), account.accessToken()));

        var reply = http.post(PASSWORD, withPassword(change(later), session, account), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(200, login(account, later).status());
        assertError(login(account, NEW_PASSWORD), 403, "M_FORBIDDEN");
    }

    @Test
    void onlyAuthWithoutASessionIsMissingTheNewPassword() {
        Account account = accounts.register();
        JsonObject body = Json.createObjectBuilder().add("auth", Json.createObjectBuilder()
                .add("type", "m.login.password").add("password", account.password())).build();

        JsonObject error = assertError(http.post(PASSWORD, body, account.accessToken()), 400, "M_MISSING_PARAM");
        assertEquals("Missing parameter: new_password", error.getString("error"));
    }

    @Test
    void changeWithoutTokenIsChallengedForThePassword() {
        assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));
    }

    @Test
    void changeWithoutTokenCompletesForTheUserThePasswordProves() {
        Account account = accounts.register();
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));

        var reply = http.post(PASSWORD, withPassword(change(NEW_PASSWORD), session, account));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
        assertEquals(200, login(account, NEW_PASSWORD).status());
        accounts.assertTokenRevoked(account.accessToken());
        assertEquals(200, login(stranger, stranger.password()).status());
    }

    @Test
    void changeWithoutTokenAndLogoutDevicesFalseKeepsTheDevices() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD, false)));

        var reply = http.post(PASSWORD, withPassword(change(NEW_PASSWORD, false), session, account));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenWorks(account);
    }

    @Test
    void changeWithoutTokenAndAWrongPasswordIsAFailedAttempt() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));

        var reply = http.post(PASSWORD, Accounts.withAuth(change(NEW_PASSWORD),
                passwordAuth(session, account.localpart(), "wrong password")));

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertEquals("Invalid password", body.getString("error"));
        assertPasswordFlows(body);
        assertEquals(200, login(account, account.password()).status());
    }

    @Test
    void changeWithoutTokenForAnUnknownUserIsTheSameFailedAttempt() {
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));

        var reply = http.post(PASSWORD, Accounts.withAuth(change(NEW_PASSWORD),
                passwordAuth(session, Accounts.randomLocalpart("nobody"), "any password at all")));

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertEquals("Invalid password", body.getString("error"));
    }

    @Test
    void changeWithoutTokenNamingNoAccountIsMissingParam() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));
        JsonObject auth = Json.createObjectBuilder().add("type", "m.login.password").add("session", session)
                .add("password", account.password()).build();

        JsonObject body = assertError(http.post(PASSWORD, Accounts.withAuth(change(NEW_PASSWORD), auth)), 400,
                "M_MISSING_PARAM");
        assertEquals("Missing parameter: auth.identifier", body.getString("error"));
    }

    @Test
    void aSessionStartedWithoutTokenCannotBeUsedWithOne() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(PASSWORD, change(NEW_PASSWORD)));

        var reply = http.post(PASSWORD, withPassword(change(NEW_PASSWORD), session, account), account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        assertEquals(200, login(account, account.password()).status());
    }

    /** A body of only {@code auth}: {@code account}'s password in {@code session}. */
    private static JsonObject onlyPassword(String session, Account account) {
        return Json.createObjectBuilder().add("auth", passwordAuth(session, account.localpart(), account.password())).build();
    }

    @Test
    void capabilitiesAdvertisePasswordChange() {
        Account account = accounts.register();

        var reply = http.get("/_matrix/client/v3/capabilities", account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("enabled", true).build(),
                reply.json().getJsonObject("capabilities").getJsonObject("m.change_password"), reply::text);
    }
}
