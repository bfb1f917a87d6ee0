package org.gatehouse.device;

import static org.gatehouse.device.Reauth.DELETE_DEVICES;
import static org.gatehouse.device.Reauth.DEVICES;
import static org.gatehouse.device.Reauth.assertPasswordChallenge;
import static org.gatehouse.device.Reauth.assertPasswordFlows;
import static org.gatehouse.device.Reauth.passwordAuth;
import static org.gatehouse.device.Reauth.withPassword;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /devices/{deviceId}} and {@code POST /delete_devices} (spec: "Device Management",
 * {@code device_management.yaml}; User-Interactive Authentication with {@code m.login.password}
 * on every deletion).
 */
class DeviceDeletionIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    private Reauth reauth;

    @BeforeEach
    void reauthenticator() {
        reauth = new Reauth(http);
    }

    private static JsonObject devicesBody(String... deviceIds) {
        return Json.createObjectBuilder().add("devices", Json.createArrayBuilder(List.of(deviceIds))).build();
    }

    /** Deletes {@code deviceId} through the whole dance as {@code account}; asserts 200 {}. */
    private void deleteWithPassword(Account account, String deviceId) {
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), deviceId, JsonObject.EMPTY_JSON_OBJECT));
        var done = reauth.deleteDevice(account.accessToken(), deviceId, withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account));
        assertEquals(200, done.status(), done::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, done.json());
    }

    private List<String> listedIds(Account account) {
        var reply = http.get(DEVICES, account.accessToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json().getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(device -> device.getString("device_id")).sorted().toList();
    }

    @Test
    void deleteWithoutAuthIsChallengedForThePassword() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));
        accounts.assertTokenWorks(other);
    }

    @Test
    void deleteWithThePasswordDeletesTheDevice() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        deleteWithPassword(account, other.deviceId());

        assertEquals(List.of(account.deviceId()), listedIds(account));
        assertError(http.get(DEVICES + "/" + other.deviceId(), account.accessToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void tokensOfADeletedDeviceAreUnknown() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        deleteWithPassword(account, other.deviceId());

        accounts.assertTokenRevoked(other.accessToken());
    }

    @Test
    void deletingADeviceKeepsTheCallersToken() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        deleteWithPassword(account, other.deviceId());

        accounts.assertTokenWorks(account);
    }

    @Test
    void deletingTheCallersOwnDeviceRevokesItsToken() {
        Account account = accounts.register();

        deleteWithPassword(account, account.deviceId());

        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void deletingAnUnknownDeviceSucceeds() {
        Account account = accounts.register();

        deleteWithPassword(account, "NOSUCHDEVICE");

        assertEquals(List.of(account.deviceId()), listedIds(account));
    }

    @Test
    void deletingAnotherUsersDeviceIdLeavesThatDeviceAlone() {
        Account account = accounts.register();
        Account victim = accounts.register();

        deleteWithPassword(account, victim.deviceId());

        accounts.assertTokenWorks(victim);
    }

    @Test
    void wrongPasswordIsAFailedAttemptWithTheFlows() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), other.deviceId(),
                Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT, passwordAuth(session, account.localpart(), "wrong password")));

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertPasswordFlows(body);
        assertEquals(session, body.getString("session"));
        accounts.assertTokenWorks(other);
    }

    @Test
    void theRightPasswordAfterAWrongOneDeletes() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));
        reauth.deleteDevice(account.accessToken(), other.deviceId(),
                Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT, passwordAuth(session, account.localpart(), "wrong password")));

        var reply = reauth.deleteDevice(account.accessToken(), other.deviceId(),
                withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(other.accessToken());
    }

    @Test
    void anotherUsersCredentialsAreForbidden() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), other.deviceId(),
                Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT, passwordAuth(session, stranger.localpart(), stranger.password())));

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(other);
    }

    @Test
    void aCompletedSessionIsNotAcceptedAgain() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));
        JsonObject authenticated = withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account);
        assertEquals(200, reauth.deleteDevice(account.accessToken(), other.deviceId(), authenticated).status());

        var again = reauth.deleteDevice(account.accessToken(), other.deviceId(), authenticated);

        assertNotEquals(session, assertPasswordChallenge(again));
    }

    @Test
    void aSessionStartedForOneDeviceCannotDeleteAnother() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), second.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), third.deviceId(), withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account));

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(third);
    }

    @Test
    void aLaterStageWithOnlyAuthDeletesTheDeviceTheSessionWasStartedFor() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), other.deviceId(), onlyPassword(session, account));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(other.accessToken());
    }

    @Test
    void aStolenSessionIdWithOnlyAuthCannotSwitchTheDeletionToAnotherDevice() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        String session = assertPasswordChallenge(reauth.deleteDevice(account.accessToken(), second.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), third.deviceId(), onlyPassword(session, account));

        JsonObject body = assertError(reply, 403, "M_FORBIDDEN");
        assertEquals("Requested operation has changed during the UI authentication session", body.getString("error"));
        accounts.assertTokenWorks(second);
        accounts.assertTokenWorks(third);
    }

    @Test
    void aStolenBulkSessionIdCannotSwitchTheDeletionToAnotherDevice() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, devicesBody(second.deviceId()), account.accessToken()));

        var reply = reauth.deleteDevice(account.accessToken(), third.deviceId(), onlyPassword(session, account));

        JsonObject body = assertError(reply, 403, "M_FORBIDDEN");
        assertEquals("Requested operation has changed during the UI authentication session", body.getString("error"));
        accounts.assertTokenWorks(second);
        accounts.assertTokenWorks(third);
    }

    @Test
    void aLaterBulkStageWithOnlyAuthDeletesTheDevicesListedFirst() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, devicesBody(second.deviceId()), account.accessToken()));

        var reply = http.post(DELETE_DEVICES, onlyPassword(session, account), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
        accounts.assertTokenRevoked(second.accessToken());
        accounts.assertTokenWorks(third);
    }

    @Test
    void aLaterBulkStageWithOnlyAuthAfterAWrongPasswordStillDeletesTheDevicesListedFirst() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        JsonObject body = devicesBody(second.deviceId());
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, body, account.accessToken()));
        var wrong = http.post(DELETE_DEVICES, Json.createObjectBuilder()
                .add("auth", passwordAuth(session, account.localpart(), "wrong password")).build(), account.accessToken());
        assertPasswordFlows(assertError(wrong, 401, "M_FORBIDDEN", "flows", "params", "session"));

        var reply = http.post(DELETE_DEVICES, onlyPassword(session, account), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(second.accessToken());
    }

    /** A body of only {@code auth}: {@code account}'s password in {@code session}. */
    private static JsonObject onlyPassword(String session, Account account) {
        return Json.createObjectBuilder().add("auth", passwordAuth(session, account.localpart(), account.password())).build();
    }

    @Test
    void anotherUsersSessionCannotBeUsed() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        Account stranger = accounts.register();
        String strangersSession = assertPasswordChallenge(
                reauth.deleteDevice(stranger.accessToken(), other.deviceId(), JsonObject.EMPTY_JSON_OBJECT));

        var reply = reauth.deleteDevice(account.accessToken(), other.deviceId(),
                withPassword(JsonObject.EMPTY_JSON_OBJECT, strangersSession, account));

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(other);
    }

    @Test
    void deleteWithoutTokenIsMissingToken() {
        var reply = http.send(HttpRequest.newBuilder(http.uri(DEVICES + "/ANY"))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));

        assertError(reply, 401, "M_MISSING_TOKEN");
    }

    @Test
    void bulkDeleteWithoutAuthIsChallengedForThePassword() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        assertPasswordChallenge(http.post(DELETE_DEVICES, devicesBody(other.deviceId()), account.accessToken()));
        accounts.assertTokenWorks(other);
    }

    @Test
    void bulkDeleteDeletesEveryListedDeviceAndRevokesTheirTokens() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        Account kept = accounts.login(account);
        JsonObject body = devicesBody(second.deviceId(), third.deviceId(), "NOSUCHDEVICE");
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, body, account.accessToken()));

        var reply = http.post(DELETE_DEVICES, withPassword(body, session, account), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
        accounts.assertTokenRevoked(second.accessToken());
        accounts.assertTokenRevoked(third.accessToken());
        accounts.assertTokenWorks(kept);
        assertEquals(List.of(account.deviceId(), kept.deviceId()).stream().sorted().toList(), listedIds(account));
    }

    @Test
    void bulkDeleteWithAnotherListThanTheSessionsIsForbidden() {
        Account account = accounts.register();
        Account second = accounts.login(account);
        Account third = accounts.login(account);
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, devicesBody(second.deviceId()), account.accessToken()));

        var reply = http.post(DELETE_DEVICES, withPassword(devicesBody(third.deviceId()), session, account),
                account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(third);
    }

    @Test
    void bulkDeleteWithWrongPasswordIsAFailedAttemptWithTheFlows() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        JsonObject body = devicesBody(other.deviceId());
        String session = assertPasswordChallenge(http.post(DELETE_DEVICES, body, account.accessToken()));

        var reply = http.post(DELETE_DEVICES,
                Accounts.withAuth(body, passwordAuth(session, account.localpart(), "wrong password")), account.accessToken());

        assertPasswordFlows(assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session"));
        accounts.assertTokenWorks(other);
    }

    @Test
    void bulkDeleteWithoutDevicesIsMissingParam() {
        Account account = accounts.register();

        assertError(http.post(DELETE_DEVICES, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()), 400, "M_MISSING_PARAM");
    }

    @Test
    void bulkDeleteWithANonStringDeviceIdIsBadJson() {
        Account account = accounts.register();
        JsonObject body = Json.createObjectBuilder().add("devices", Json.createArrayBuilder().add(5)).build();

        assertError(http.post(DELETE_DEVICES, body, account.accessToken()), 400, "M_BAD_JSON");
    }

    @Test
    void bulkDeleteWithDevicesNotAListIsBadJson() {
        Account account = accounts.register();
        JsonObject body = Json.createObjectBuilder().add("devices", "ABC").build();

        assertError(http.post(DELETE_DEVICES, body, account.accessToken()), 400, "M_BAD_JSON");
    }
}
