package org.gatehouse.appservice;

import static org.gatehouse.appservice.AppServiceFixture.BRIDGE;
import static org.gatehouse.appservice.AppServiceFixture.OTHER;
import static org.gatehouse.appservice.AppServiceFixture.REGISTER;
import static org.gatehouse.appservice.AppServiceFixture.TYPE;
import static org.gatehouse.appservice.AppServiceFixture.register;
import static org.gatehouse.appservice.AppServiceFixture.registration;
import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Registration and login by application services, and the exclusive namespaces everyone else
 * meets (Application Service API, "Server admin style permissions"; {@code registration.yaml};
 * client-server "Appservice Login").
 */
class AppServiceRegistrationIT extends ClientIT {

    private static final String AVAILABLE = "/_matrix/client/v3/register/available?username=";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(AppServiceFixture.settings(AppServiceRegistrationIT.class, Map.of()));
    }

    private static JsonObject appServiceLogin(String user) {
        return Json.createObjectBuilder().add("type", TYPE)
                .add("identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user)).build();
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
