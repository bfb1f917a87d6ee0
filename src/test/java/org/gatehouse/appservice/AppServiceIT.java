package org.gatehouse.appservice;

import static org.gatehouse.appservice.AppServiceFixture.BRIDGE;
import static org.gatehouse.appservice.AppServiceFixture.OTHER;
import static org.gatehouse.appservice.AppServiceFixture.REGISTER;
import static org.gatehouse.appservice.AppServiceFixture.TYPE;
import static org.gatehouse.appservice.AppServiceFixture.appServiceLogin;
import static org.gatehouse.appservice.AppServiceFixture.asUser;
import static org.gatehouse.appservice.AppServiceFixture.register;
import static org.gatehouse.appservice.AppServiceFixture.registration;
import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.WHOAMI;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Application services against one deployment with two registrations ({@link AppServiceFixture}):
 * the {@code as_token} as an access token acting as the sender, as users of the service's
 * namespaces and their devices (Application Service API, "Identity assertion"); registration and
 * login by services and the exclusive namespaces everyone else meets ("Server admin style
 * permissions", {@code registration.yaml}, client-server "Appservice Login"); device management
 * without re-authentication ("Device management"); no account management; the admin list of
 * registered services.
 */
class AppServiceIT extends ClientIT {

    private static final String DEVICES = Reauth.DEVICES;
    private static final String AVAILABLE = "/_matrix/client/v3/register/available?username=";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(AppServiceFixture.settings(AppServiceIT.class, Map.of()));
    }

    /** A user of {@code bridge}'s exclusive namespace, registered without a device. */
    private String ghost() {
        String localpart = Accounts.randomLocalpart("_bridge_ghost");
        MatrixHttp.Reply reply = http.post(AppServiceFixture.REGISTER, Json.createObjectBuilder()
                .add("type", TYPE).add("username", localpart).add("inhibit_login", true).build(),
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

    @Test
    void theServiceRegistersAUserOfItsNamespaceWithoutAuthentication() {
        String localpart = Accounts.randomLocalpart("_bridge_reg");
        JsonObject registered = register(http, BRIDGE, localpart);
        assertEquals(Accounts.userId(localpart), registered.getString("user_id"));
        Account ghost = new Account(localpart, registered.getString("user_id"), null,
                registered.getString("access_token"), registered.getString("device_id"));
        accounts.assertTokenWorks(ghost);
    }

    @Test
    void theUsernameIsLowercasedAndTheDeviceIdHonoured() {
        String localpart = Accounts.randomLocalpart("_bridge_case");
        MatrixHttp.Reply reply = http.post(REGISTER, Json.createObjectBuilder().add("type", TYPE)
                .add("username", localpart.toUpperCase()).add("device_id", "GHOSTDEVICE").build(), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(Accounts.userId(localpart), reply.string("user_id"));
        assertEquals("GHOSTDEVICE", reply.string("device_id"));
    }

    @Test
    void theLegacyBodyWithoutTypeOrAuthRegistersToo() {
        String localpart = Accounts.randomLocalpart("_bridge_legacy");
        MatrixHttp.Reply reply = http.post(REGISTER, Json.createObjectBuilder().add("username", localpart).build(),
                BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(Accounts.userId(localpart), reply.string("user_id"));
    }

    @Test
    void inhibitLoginReturnsOnlyTheUserId() {
        String localpart = Accounts.randomLocalpart("_bridge_quiet");
        MatrixHttp.Reply reply = http.post(REGISTER, Json.createObjectBuilder().add("type", TYPE)
                .add("username", localpart).add("inhibit_login", true).build(), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("user_id", Accounts.userId(localpart)).build(), reply.json());
    }

    @Test
    void theSenderMayBeRegisteredAgainOnlyAsInUse() {
        assertError(http.post(REGISTER, registration(BRIDGE.senderLocalpart()), BRIDGE.asToken()), 400, "M_USER_IN_USE");
    }

    @Test
    void aTakenNameIsInUse() {
        String localpart = Accounts.randomLocalpart("_bridge_twice");
        register(http, BRIDGE, localpart);
        assertError(http.post(REGISTER, registration(localpart), BRIDGE.asToken()), 400, "M_USER_IN_USE");
    }

    @Test
    void aNameOutsideTheServicesNamespacesIsExclusive() {
        assertError(http.post(REGISTER, registration(Accounts.randomLocalpart("human")), BRIDGE.asToken()), 400,
                "M_EXCLUSIVE");
        assertError(http.post(REGISTER, registration(Accounts.randomLocalpart("_bridge_x")), OTHER.asToken()), 400,
                "M_EXCLUSIVE");
    }

    @Test
    void aNameInAnotherServicesExclusiveNamespaceIsExclusiveEvenWhenCovered() {
        String localpart = Accounts.randomLocalpart("_other_x");
        assertError(http.post(REGISTER, registration(localpart), BRIDGE.asToken()), 400, "M_EXCLUSIVE");
        register(http, OTHER, localpart);
    }

    @Test
    void invalidUsernamesAreRefused() {
        assertError(http.post(REGISTER, registration("_bridge_a b"), BRIDGE.asToken()), 400, "M_INVALID_USERNAME");
        assertError(http.post(REGISTER, Json.createObjectBuilder().add("type", TYPE).build(), BRIDGE.asToken()), 400,
                "M_MISSING_PARAM");
    }

    @Test
    void withoutAnAsTokenTheApplicationServiceTypeIsUnauthorized() {
        JsonObject body = registration(Accounts.randomLocalpart("_bridge_anon"));
        assertError(http.post(REGISTER, body), 401, "M_MISSING_TOKEN");
        assertFalse(assertError(http.post(REGISTER, body, BRIDGE.hsToken()), 401, "M_UNKNOWN_TOKEN", "soft_logout")
                .getBoolean("soft_logout"));
        Account human = accounts.register();
        assertFalse(assertError(http.post(REGISTER, body, human.accessToken()), 401, "M_UNKNOWN_TOKEN", "soft_logout")
                .getBoolean("soft_logout"));
    }

    @Test
    void aNormalUserCannotRegisterInsideAnExclusiveNamespace() {
        JsonObject body = Accounts.registration(Accounts.randomLocalpart("_bridge_human"), Accounts.PASSWORD).build();
        assertError(http.post(REGISTER, body), 400, "M_EXCLUSIVE");
        assertError(http.post(REGISTER, Accounts.registration(BRIDGE.senderLocalpart(), Accounts.PASSWORD).build()),
                400, "M_EXCLUSIVE");
    }

    @Test
    void aNormalUserMayRegisterInsideANonExclusiveNamespace() {
        Account human = accounts.register(Accounts.randomLocalpart("shared_h"));
        accounts.assertTokenWorks(human);
    }

    @Test
    void availabilityReportsExclusiveNamesExceptToTheirService() {
        String localpart = Accounts.randomLocalpart("_bridge_free");
        assertError(http.get(AVAILABLE + localpart), 400, "M_EXCLUSIVE");
        assertError(http.get(AVAILABLE + localpart, OTHER.asToken()), 400, "M_EXCLUSIVE");
        MatrixHttp.Reply reply = http.get(AVAILABLE + localpart, BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.json().getBoolean("available"));
    }

    @Test
    void sharedSecretRegistrationCannotTakeAnExclusiveName() throws Exception {
        String username = Accounts.randomLocalpart("_bridge_admin");
        String nonce = http.get("/_synapse/admin/v1/register").string("nonce");
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec("it-shared-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String mac = HexFormat.of().formatHex(hmac.doFinal((nonce + '\0' + username + '\0' + Accounts.PASSWORD
                + '\0' + "notadmin").getBytes(StandardCharsets.UTF_8)));
        assertError(http.post("/_synapse/admin/v1/register", Json.createObjectBuilder().add("nonce", nonce)
                .add("username", username).add("password", Accounts.PASSWORD).add("admin", false).add("mac", mac)
                .build()), 400, "M_EXCLUSIVE");
    }

    @Test
    void loginFlowsListTheApplicationServiceType() {
        MatrixHttp.Reply reply = http.get(LOGIN);
        assertTrue(reply.json().getJsonArray("flows").contains(Json.createObjectBuilder().add("type", TYPE).build()),
                reply::text);
    }

    @Test
    void theServiceLogsInAsAUserOfItsNamespace() {
        String localpart = Accounts.randomLocalpart("_bridge_login");
        register(http, BRIDGE, localpart);
        MatrixHttp.Reply reply = http.post(LOGIN, appServiceLogin(localpart), BRIDGE.asToken());
        assertEquals(200, reply.status(), reply::text);
        Account ghost = new Account(localpart, reply.string("user_id"), null, reply.string("access_token"),
                reply.string("device_id"));
        assertEquals(Accounts.userId(localpart), ghost.userId());
        accounts.assertTokenWorks(ghost);
        MatrixHttp.Reply byUserId = http.post(LOGIN, appServiceLogin(Accounts.userId(localpart)), BRIDGE.asToken());
        assertEquals(200, byUserId.status(), byUserId::text);
    }

    @Test
    void loginOutsideTheNamespacesIsExclusive() {
        Account human = accounts.register();
        assertError(http.post(LOGIN, appServiceLogin(human.localpart()), BRIDGE.asToken()), 403, "M_EXCLUSIVE");
        assertError(http.post(LOGIN, appServiceLogin("@_bridge_x:elsewhere.example"), BRIDGE.asToken()), 403,
                "M_EXCLUSIVE");
    }

    @Test
    void loginAsAnUnregisteredUserIsForbidden() {
        assertError(http.post(LOGIN, appServiceLogin(Accounts.randomLocalpart("_bridge_none")), BRIDGE.asToken()),
                403, "M_FORBIDDEN");
    }

    @Test
    void loginWithoutAnAsTokenIsUnauthorized() {
        String localpart = Accounts.randomLocalpart("_bridge_nologin");
        register(http, BRIDGE, localpart);
        assertError(http.post(LOGIN, appServiceLogin(localpart)), 401, "M_MISSING_TOKEN");
        Account human = accounts.register();
        assertError(http.post(LOGIN, appServiceLogin(localpart), human.accessToken()), 401, "M_UNKNOWN_TOKEN",
                "soft_logout");
    }

    @Test
    void passwordLoginIsUnaffectedByAPresentedToken() {
        Account human = accounts.register();
        MatrixHttp.Reply reply = http.post(LOGIN, Accounts.passwordLogin(human.localpart(), human.password()).build(),
                "not-a-token");
        assertEquals(200, reply.status(), reply::text);
    }
}
