package org.gatehouse.appservice;

import static org.gatehouse.appservice.AppServiceFixture.BRIDGE;
import static org.gatehouse.appservice.AppServiceFixture.OTHER;
import static org.gatehouse.appservice.AppServiceFixture.asUser;
import static org.gatehouse.appservice.AppServiceFixture.register;
import static org.gatehouse.testing.Accounts.WHOAMI;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * An application service's {@code as_token} as an access token (Application Service API, "Identity
 * assertion", "Device management"): acting as its sender, as users of its namespaces and their
 * devices; device management without re-authentication; no account management; the admin list of
 * registered services.
 */
class AppServiceIT extends ClientIT {

    private static final String DEVICES = Reauth.DEVICES;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(AppServiceFixture.settings(AppServiceIT.class, Map.of()));
    }

    /** A user of {@code bridge}'s exclusive namespace, registered without a device. */
    private String ghost() {
        String localpart = Accounts.randomLocalpart("_bridge_ghost");
        MatrixHttp.Reply reply = http.post(AppServiceFixture.REGISTER, Json.createObjectBuilder()
                .add("type", AppServiceFixture.TYPE).add("username", localpart).add("inhibit_login", true).build(),
                BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.string("user_id");
    }

    private MatrixHttp.Reply put(String path, JsonObject body, String token) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private MatrixHttp.Reply delete(String path, String token) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));
    }

    private List<String> deviceIds(String userId) {
        MatrixHttp.Reply reply = http.get(asUser(DEVICES, userId, null), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        return reply.json().getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .map(device -> device.getString("device_id")).sorted().toList();
    }

    @Test
    void theAsTokenActsAsTheSenderWithoutADevice() {
        MatrixHttp.Reply reply = accounts.whoami(BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("user_id", BRIDGE.sender()).add("is_guest", false).build(),
                reply.json());
    }

    @Test
    void theAsTokenWorksAsAQueryParameter() {
        MatrixHttp.Reply reply = http.get(WHOAMI + "?access_token=" + OTHER.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(OTHER.sender(), reply.string("user_id"));
    }

    @Test
    void theServiceMasqueradesAsARegisteredUserOfItsNamespace() {
        String ghost = ghost();
        MatrixHttp.Reply reply = http.get(asUser(WHOAMI, ghost, null), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(ghost, reply.string("user_id"));
        assertFalse(reply.json().containsKey("device_id"), reply::text);
    }

    @Test
    void aUserOfANonExclusiveNamespaceMayBeMasqueradedAs() {
        Account human = accounts.register(Accounts.randomLocalpart("shared_h"));
        MatrixHttp.Reply reply = http.get(asUser(WHOAMI, human.userId(), null), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(human.userId(), reply.string("user_id"));
    }

    @Test
    void masqueradingOutsideTheNamespacesIsForbidden() {
        Account human = accounts.register();
        assertError(http.get(asUser(WHOAMI, human.userId(), null), BRIDGE.asToken()), 403, "M_FORBIDDEN");
        assertError(http.get(asUser(WHOAMI, ghost(), null), OTHER.asToken()), 403, "M_FORBIDDEN");
    }

    @Test
    void masqueradingAsAUserOfAnotherServerOrNoUserIsForbidden() {
        assertError(http.get(asUser(WHOAMI, "@_bridge_x:elsewhere.example", null), BRIDGE.asToken()), 403, "M_FORBIDDEN");
        assertError(http.get(asUser(WHOAMI, "_bridge_x", null), BRIDGE.asToken()), 403, "M_FORBIDDEN");
    }

    @Test
    void masqueradingAsAnUnregisteredUserOfTheNamespaceIsForbidden() {
        String unregistered = Accounts.userId(Accounts.randomLocalpart("_bridge_nobody"));
        assertError(http.get(asUser(WHOAMI, unregistered, null), BRIDGE.asToken()), 403, "M_FORBIDDEN");
    }

    @Test
    void theServiceActsWithADeviceOfTheUser() {
        JsonObject registered = register(http, BRIDGE, Accounts.randomLocalpart("_bridge_dev"));
        String ghost = registered.getString("user_id");
        String deviceId = registered.getString("device_id");
        MatrixHttp.Reply reply = http.get(asUser(WHOAMI, ghost, deviceId), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(ghost, reply.string("user_id"));
        assertEquals(deviceId, reply.string("device_id"));
        MatrixHttp.Reply unstable = http.get(asUser(WHOAMI, ghost, null) + "&org.matrix.msc3202.device_id=" + deviceId,
                BRIDGE.asToken());
        assertEquals(deviceId, unstable.string("device_id"), unstable::text);
    }

    @Test
    void aDeviceTheUserDoesNotHaveIsAnUnknownDevice() {
        String ghost = ghost();
        Account human = accounts.register(Accounts.randomLocalpart("shared_h"));
        assertError(http.get(asUser(WHOAMI, ghost, "NOSUCHDEVICE"), BRIDGE.asToken()), 400, "M_UNKNOWN_DEVICE");
        assertError(http.get(asUser(WHOAMI, ghost, human.deviceId()), BRIDGE.asToken()), 400, "M_UNKNOWN_DEVICE");
    }

    @Test
    void withoutUserIdTheDeviceMustBeTheSenders() {
        assertError(http.get(WHOAMI + "?device_id=NOSUCHDEVICE", BRIDGE.asToken()), 400, "M_UNKNOWN_DEVICE");
    }

    @Test
    void anOrdinaryTokenIgnoresUserIdAndDeviceId() {
        Account human = accounts.register();
        MatrixHttp.Reply reply = http.get(asUser(WHOAMI, ghost(), "OTHERDEVICE"), human.accessToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(human.userId(), reply.string("user_id"));
        assertEquals(human.deviceId(), reply.string("device_id"));
    }

    @Test
    void anUnknownTokenIsStillUnknown() {
        assertError(http.get(WHOAMI, BRIDGE.hsToken()), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void putDeviceCreatesTheDeviceOfAMasqueradedUser() {
        String ghost = ghost();
        MatrixHttp.Reply created = put(asUser(DEVICES + "/BRIDGEDEV1", ghost, null),
                Json.createObjectBuilder().add("display_name", "Bridge device").build(), BRIDGE.asToken());
        assertEquals(200, created.status(), created::text);
        assertEquals(List.of("BRIDGEDEV1"), deviceIds(ghost));
        MatrixHttp.Reply device = http.get(asUser(DEVICES + "/BRIDGEDEV1", ghost, null), BRIDGE.asToken());
        assertEquals("Bridge device", device.string("display_name"), device::text);
        MatrixHttp.Reply renamed = put(asUser(DEVICES + "/BRIDGEDEV1", ghost, "BRIDGEDEV1"),
                Json.createObjectBuilder().add("display_name", "Renamed").build(), BRIDGE.asToken());
        assertEquals(200, renamed.status(), renamed::text);
        assertEquals("Renamed", http.get(asUser(DEVICES + "/BRIDGEDEV1", ghost, null), BRIDGE.asToken())
                .string("display_name"));
    }

    @Test
    void putDeviceStillCreatesNothingForAnOrdinaryUser() {
        Account human = accounts.register();
        assertError(put(DEVICES + "/NEWDEVICE", Json.createObjectBuilder().add("display_name", "x").build(),
                human.accessToken()), 404, "M_NOT_FOUND");
    }

    @Test
    void theServiceDeletesDevicesWithoutReauthentication() {
        JsonObject registered = register(http, BRIDGE, Accounts.randomLocalpart("_bridge_del"));
        String ghost = registered.getString("user_id");
        for (String id : List.of("DEV2", "DEV3")) {
            assertEquals(200, put(asUser(DEVICES + "/" + id, ghost, null), Json.createObjectBuilder().build(),
                    BRIDGE.asToken()).status());
        }
        MatrixHttp.Reply deleted = delete(asUser(DEVICES + "/" + registered.getString("device_id"), ghost, null),
                BRIDGE.asToken());
        assertEquals(200, deleted.status(), deleted::text);
        assertEquals(Json.createObjectBuilder().build(), deleted.json());
        accounts.assertTokenRevoked(registered.getString("access_token"));
        MatrixHttp.Reply bulk = http.post(asUser(Reauth.DELETE_DEVICES, ghost, null),
                Json.createObjectBuilder().add("devices", Json.createArrayBuilder().add("DEV2").add("DEV3")).build(),
                BRIDGE.asToken());
        assertEquals(200, bulk.status(), bulk::text);
        assertEquals(List.of(), deviceIds(ghost));
    }

    @Test
    void accountManagementIsNotForApplicationServices() {
        String ghost = ghost();
        JsonObject password = Json.createObjectBuilder().add("new_password", Accounts.PASSWORD + "!").build();
        assertError(http.post(asUser(Reauth.PASSWORD, ghost, null), password, BRIDGE.asToken()), 403, "M_FORBIDDEN");
        assertError(http.post(Reauth.DEACTIVATE, Json.createObjectBuilder().build(), BRIDGE.asToken()), 403,
                "M_FORBIDDEN");
        assertEquals(200, accounts.whoami(BRIDGE.asToken()).status(), "the sender is still active");
    }

    @Test
    void loggingOutWithoutADeviceKeepsTheAsTokenWorking() {
        MatrixHttp.Reply reply = http.post(Accounts.LOGOUT, Json.createObjectBuilder().build(), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(200, accounts.whoami(BRIDGE.asToken()).status());
    }

    @Test
    void loggingOutAsAMasqueradedDeviceDeletesIt() {
        JsonObject registered = register(http, BRIDGE, Accounts.randomLocalpart("_bridge_out"));
        String ghost = registered.getString("user_id");
        MatrixHttp.Reply reply = http.post(asUser(Accounts.LOGOUT, ghost, registered.getString("device_id")),
                Json.createObjectBuilder().build(), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(registered.getString("access_token"));
        assertEquals(List.of(), deviceIds(ghost));
    }

    @Test
    void adminsListTheRegisteredServicesWithoutTheirTokens() {
        String admin = new TokenAdminClient(http).newUser(true);
        MatrixHttp.Reply reply = http.get("/_synapse/admin/v1/appservices", admin);
        assertEquals(200, reply.status(), reply::text);
        JsonObject expected = Json.createReader(new java.io.StringReader("""
                {"appservices": [
                  {"id": "bridge", "url": "http://127.0.0.1:9", "sender": "@_bridge_bot:localhost",
                   "namespaces": {"users": [{"regex": "@_bridge_.*", "exclusive": true},
                                            {"regex": "@shared_.*", "exclusive": false},
                                            {"regex": "@_other_.*", "exclusive": false}],
                                  "aliases": [{"regex": "#_bridge_.*", "exclusive": true}], "rooms": []},
                   "rate_limited": false, "protocols": ["bridgeproto"], "receive_ephemeral": false},
                  {"id": "other", "sender": "@_other_bot:localhost",
                   "namespaces": {"users": [{"regex": "@_other_.*", "exclusive": true}], "aliases": [], "rooms": []},
                   "rate_limited": true, "protocols": [], "receive_ephemeral": true}],
                 "total": 2}""")).readObject();
        assertEquals(expected, reply.json());
        assertFalse(reply.text().contains(BRIDGE.asToken()) || reply.text().contains(BRIDGE.hsToken()));
    }

    @Test
    void onlyAdminsListTheRegisteredServices() {
        String plain = new TokenAdminClient(http).newUser(false);
        assertError(http.get("/_synapse/admin/v1/appservices", plain), 403, "M_FORBIDDEN");
        assertError(http.get("/_synapse/admin/v1/appservices", BRIDGE.asToken()), 403, "M_FORBIDDEN");
    }
}
