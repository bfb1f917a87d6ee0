package org.gatehouse.device;

import static org.gatehouse.device.Reauth.DEVICES;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Set;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /devices}, {@code GET} and {@code PUT /devices/{deviceId}} (spec: "Device
 * Management", {@code device_management.yaml}) and the last-seen fields.
 */
class DevicesIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    private Reauth reauth;

    @BeforeEach
    void reauthenticator() {
        reauth = new Reauth(http);
    }

    private Account loginNamed(Account account, String displayName) {
        var reply = http.post(Accounts.LOGIN, Accounts.passwordLogin(account.localpart(), account.password())
                .add("initial_device_display_name", displayName).build());
        assertEquals(200, reply.status(), reply::text);
        return account.withSession(reply.string("access_token"), reply.string("device_id"));
    }

    private JsonObject device(Account account, String deviceId) {
        var reply = http.get(DEVICES + "/" + deviceId, account.accessToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    private List<String> listedIds(Account account) {
        var reply = http.get(DEVICES, account.accessToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json().getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(device -> device.getString("device_id")).sorted().toList();
    }

    @Test
    void listShowsEveryDeviceOfTheUser() {
        Account account = accounts.register();
        Account second = accounts.login(account);

        assertEquals(List.of(account.deviceId(), second.deviceId()).stream().sorted().toList(), listedIds(second));
    }

    @Test
    void listAnswersOnlyTheDevicesField() {
        Account account = accounts.register();

        var reply = http.get(DEVICES, account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Set.of("devices"), reply.json().keySet(), reply::text);
    }

    @Test
    void listShowsNoOtherUsersDevices() {
        Account account = accounts.register();
        accounts.register();

        assertEquals(List.of(account.deviceId()), listedIds(account));
    }

    @Test
    void listShowsTheDisplayName() {
        Account account = accounts.register();
        Account named = loginNamed(account, "My phone");

        var reply = http.get(DEVICES, account.accessToken());

        JsonObject device = reply.json().getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("device_id").equals(named.deviceId())).findFirst().orElseThrow();
        assertEquals("My phone", device.getString("display_name"), device::toString);
    }

    @Test
    void aDeviceNeverUsedHasNoDisplayNameOrLastSeenFields() {
        Account account = accounts.register();
        Account unused = accounts.login(account);

        JsonObject device = device(account, unused.deviceId());

        assertEquals(Json.createObjectBuilder().add("device_id", unused.deviceId()).build(), device);
    }

    @Test
    void lastSeenFieldsAppearAfterARequest() {
        Account account = accounts.register();
        Account other = accounts.login(account);
        long before = System.currentTimeMillis();

        accounts.assertTokenWorks(other);

        JsonObject device = device(account, other.deviceId());
        assertEquals(Set.of("device_id", "last_seen_ip", "last_seen_ts"), device.keySet(), device::toString);
        assertEquals(connectedAddress(), device.getString("last_seen_ip"), device::toString);
        long seen = device.getJsonNumber("last_seen_ts").longValueExact();
        assertTrue(seen >= before - 5_000 && seen <= System.currentTimeMillis() + 5_000, device::toString);
    }

    @Test
    void lastSeenMovesWithLaterRequests() throws InterruptedException {
        Account account = accounts.register();
        Account other = accounts.login(account);
        accounts.assertTokenWorks(other);
        long first = device(account, other.deviceId()).getJsonNumber("last_seen_ts").longValueExact();
        Thread.sleep(20);

        accounts.assertTokenWorks(other);

        assertTrue(device(account, other.deviceId()).getJsonNumber("last_seen_ts").longValueExact() > first);
    }

    @Test
    void theRequestingDeviceIsSeenByItsOwnRequest() {
        Account account = accounts.register();

        JsonObject device = device(account, account.deviceId());

        assertTrue(device.containsKey("last_seen_ts") && device.containsKey("last_seen_ip"), device::toString);
    }

    @Test
    void getReturnsOneDevice() {
        Account account = accounts.register();
        Account named = loginNamed(account, "Laptop");

        JsonObject device = device(account, named.deviceId());

        assertEquals(named.deviceId(), device.getString("device_id"));
        assertEquals("Laptop", device.getString("display_name"));
    }

    @Test
    void getUnknownDeviceIsNotFound() {
        Account account = accounts.register();

        assertError(http.get(DEVICES + "/NOSUCHDEVICE", account.accessToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void getAnotherUsersDeviceIsNotFound() {
        Account account = accounts.register();
        Account other = accounts.register();

        assertError(http.get(DEVICES + "/" + other.deviceId(), account.accessToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void putRenamesTheDevice() {
        Account account = accounts.register();

        var reply = reauth.putDevice(account.accessToken(), account.deviceId(),
                Json.createObjectBuilder().add("display_name", "Renamed").build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
        assertEquals("Renamed", device(account, account.deviceId()).getString("display_name"));
    }

    @Test
    void putRenamesAnotherDeviceOfTheSameUser() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        var reply = reauth.putDevice(account.accessToken(), other.deviceId(),
                Json.createObjectBuilder().add("display_name", "Other").build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals("Other", device(account, other.deviceId()).getString("display_name"));
    }

    @Test
    void putWithoutDisplayNameKeepsIt() {
        Account account = accounts.register();
        Account named = loginNamed(account, "Kept");

        var reply = reauth.putDevice(account.accessToken(), named.deviceId(), JsonObject.EMPTY_JSON_OBJECT);

        assertEquals(200, reply.status(), reply::text);
        assertEquals("Kept", device(account, named.deviceId()).getString("display_name"));
    }

    @Test
    void putUnknownDeviceIsNotFoundAndCreatesNothing() {
        Account account = accounts.register();

        var reply = reauth.putDevice(account.accessToken(), "NEWDEVICE",
                Json.createObjectBuilder().add("display_name", "New").build());

        assertError(reply, 404, "M_NOT_FOUND");
        assertEquals(List.of(account.deviceId()), listedIds(account));
    }

    @Test
    void putAnotherUsersDeviceIsNotFound() {
        Account account = accounts.register();
        Account other = accounts.register();

        var reply = reauth.putDevice(account.accessToken(), other.deviceId(),
                Json.createObjectBuilder().add("display_name", "Stolen").build());

        assertError(reply, 404, "M_NOT_FOUND");
        assertEquals(Set.of("device_id", "last_seen_ip", "last_seen_ts"),
                device(other, other.deviceId()).keySet());
    }

    @Test
    void putWithTooLongDisplayNameIsInvalid() {
        Account account = accounts.register();

        var reply = reauth.putDevice(account.accessToken(), account.deviceId(),
                Json.createObjectBuilder().add("display_name", "x".repeat(Device.MAX_DISPLAY_NAME_LENGTH + 1)).build());

        assertError(reply, 400, "M_INVALID_PARAM");
    }

    @Test
    void putWithNonStringDisplayNameIsBadJson() {
        Account account = accounts.register();

        var reply = reauth.putDevice(account.accessToken(), account.deviceId(),
                Json.createObjectBuilder().add("display_name", 5).build());

        assertError(reply, 400, "M_BAD_JSON");
    }

    @Test
    void listWithoutTokenIsMissingToken() {
        assertError(http.get(DEVICES), 401, "M_MISSING_TOKEN");
    }

    @Test
    void getWithRevokedTokenIsUnknownToken() {
        Account account = accounts.register();
        assertEquals(200, http.post(Accounts.LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        var body = assertError(http.get(DEVICES, account.accessToken()), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(false, body.getBoolean("soft_logout"));
    }

    @Test
    void legacyR0PathListsDevices() {
        Account account = accounts.register();

        var reply = http.get("/_matrix/client/r0/devices", account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(1, reply.json().getJsonArray("devices").size(), reply::text);
    }

    /** The address the server sees this client connect from: the one the base URL resolves to. */
    private String connectedAddress() {
        try {
            return java.net.InetAddress.getByName(base.getHost()).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
