package org.gatehouse.device;

import static org.gatehouse.device.Reauth.DEACTIVATE;
import static org.gatehouse.device.Reauth.DELETE_DEVICES;
import static org.gatehouse.device.Reauth.DEVICES;
import static org.gatehouse.device.Reauth.PASSWORD;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Device and account management with guests allowed and a one-second last-seen flush
 * ({@code gatehouse.devices.last-seen-flush-seconds}): guests are refused, and last-seen values
 * survive being written to the database.
 */
class DeviceSettingsIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                "gatehouse.devices.last-seen-flush-seconds", "1",
                "gatehouse.registration.allow-guests", "true"));
    }

    private String guestToken() {
        var reply = http.post(Accounts.REGISTER + "?kind=guest", JsonObject.EMPTY_JSON_OBJECT);
        assertEquals(200, reply.status(), reply::text);
        return reply.string("access_token");
    }

    private JsonObject device(Account reader, String deviceId) {
        var reply = http.get(DEVICES + "/" + deviceId, reader.accessToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    @Test
    void lastSeenIsUnchangedAfterItIsWrittenToTheDatabase() throws InterruptedException {
        Account account = accounts.register();
        Account other = accounts.login(account);
        accounts.assertTokenWorks(other);
        JsonObject before = device(account, other.deviceId());

        Thread.sleep(2_500);

        assertEquals(before, device(account, other.deviceId()));
    }

    @Test
    void aDeletedDeviceIsNotBroughtBackByTheFlush() throws InterruptedException {
        Account account = accounts.register();
        accounts.assertTokenWorks(account);
        assertEquals(200, http.post(Accounts.LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        Thread.sleep(2_500);

        Account again = accounts.login(account);
        var reply = http.get(DEVICES, again.accessToken());
        assertEquals(1, reply.json().getJsonArray("devices").size(), reply::text);
    }

    @Test
    void guestsListTheirOwnDevice() {
        var reply = http.get(DEVICES, guestToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(1, reply.json().getJsonArray("devices").size(), reply::text);
    }

    @Test
    void guestsCannotDeleteDevices() {
        var reply = http.post(DELETE_DEVICES, Json.createObjectBuilder().add("devices", Json.createArrayBuilder()).build(),
                guestToken());

        assertError(reply, 403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestsCannotChangePasswords() {
        var reply = http.post(PASSWORD, Json.createObjectBuilder().add("new_password", "a brand new passphrase").build(),
                guestToken());

        assertError(reply, 403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestsCannotDeactivate() {
        assertError(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, guestToken()), 403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestsAreNotOfferedPasswordChange() {
        var reply = http.get("/_matrix/client/v3/capabilities", guestToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("enabled", false).build(),
                reply.json().getJsonObject("capabilities").getJsonObject("m.change_password"), reply::text);
    }
}
