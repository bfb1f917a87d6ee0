package org.gatehouse.register;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guest registration and guest access (spec: "Guest Access", {@code registration.yaml}) with
 * {@code gatehouse.registration.allow-guests} on: the device endpoints a guest may use, the
 * fields guest registration ignores, and the upgrade of a guest to a full account through
 * {@code guest_access_token}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuestRegistrationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of("gatehouse.registration.allow-guests", "true"));
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;

    @BeforeEach
    void client() {
        http = new MatrixHttp(base);
    }

    private static final String GUEST_REGISTER = "/_matrix/client/v3/register?kind=guest";
    private static final String DEVICES = "/_matrix/client/v3/devices";

    private JsonObject registerGuest() {
        var reply = http.post(GUEST_REGISTER, Json.createObjectBuilder().build());
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    @Test
    void guestRegistersWithoutAuthenticationAndIsAGuest() {
        JsonObject guest = registerGuest();
        assertTrue(guest.getString("user_id").endsWith(":localhost"), guest::toString);
        var whoami = http.get("/_matrix/client/v3/account/whoami", guest.getString("access_token")).json();
        assertEquals(guest.getString("user_id"), whoami.getString("user_id"));
        assertEquals(guest.getString("device_id"), whoami.getString("device_id"));
        assertTrue(whoami.getBoolean("is_guest"));
    }

    @Test
    void everyGuestGetsItsOwnAccount() {
        assertTrue(!registerGuest().getString("user_id").equals(registerGuest().getString("user_id")));
    }

    @Test
    void guestIsRefusedOnEndpointsThatDoNotAllowGuests() {
        String token = registerGuest().getString("access_token");
        assertError(http.post("/_matrix/client/v1/login/get_token", Json.createObjectBuilder().build(), token),
                403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestIsRefusedOnAccountEndpointsWhoseTokenIsOptional() {
        String token = registerGuest().getString("access_token");
        JsonObject change = Json.createObjectBuilder().add("new_password", "a guest's new password").build();
        assertError(http.post("/_matrix/client/v3/account/password", change, token), 403, "M_GUEST_ACCESS_FORBIDDEN");
        assertError(http.post("/_matrix/client/v3/account/deactivate", Json.createObjectBuilder().build(), token),
                403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestCannotGetLoginTokensByCapability() {
        String token = registerGuest().getString("access_token");
        var capabilities = http.get("/_matrix/client/v3/capabilities", token).json().getJsonObject("capabilities");
        assertEquals(false, capabilities.getJsonObject("m.get_login_token").getBoolean("enabled"));
    }

    @Test
    void guestListsItsDevices() {
        JsonObject guest = registerGuest();

        var reply = http.get(DEVICES, guest.getString("access_token"));

        assertEquals(200, reply.status(), reply::text);
        var devices = reply.json().getJsonArray("devices");
        assertEquals(1, devices.size(), reply::text);
        assertEquals(guest.getString("device_id"), devices.getJsonObject(0).getString("device_id"), reply::text);
    }

    @Test
    void guestReadsItsDevice() {
        JsonObject guest = registerGuest();

        var reply = http.get(DEVICES + "/" + guest.getString("device_id"), guest.getString("access_token"));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(guest.getString("device_id"), reply.string("device_id"), reply::text);
    }

    @Test
    void guestRenamesItsDevice() {
        JsonObject guest = registerGuest();
        String device = DEVICES + "/" + guest.getString("device_id");

        var reply = new Reauth(http).putDevice(guest.getString("access_token"), guest.getString("device_id"),
                Json.createObjectBuilder().add("display_name", "Guest phone").build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals("Guest phone", http.get(device, guest.getString("access_token")).string("display_name"));
    }

    @Test
    void guestCannotDeleteDevices() {
        JsonObject guest = registerGuest();

        var reply = new Reauth(http).deleteDevice(guest.getString("access_token"), guest.getString("device_id"),
                JsonObject.EMPTY_JSON_OBJECT);

        assertError(reply, 403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void guestRegistrationIgnoresEveryFieldButTheDisplayName() {
        var reply = http.post(GUEST_REGISTER, Json.createObjectBuilder()
                .add("username", Accounts.randomLocalpart("guest"))
                .add("password", Accounts.PASSWORD)
                .add("device_id", "CHOSENDEVICE")
                .add("refresh_token", true)
                .add("inhibit_login", true)
                .add("initial_device_display_name", "Guest tablet")
                .build());

        assertEquals(200, reply.status(), reply::text);
        JsonObject guest = reply.json();
        assertEquals(Set.of("user_id", "device_id", "access_token"), guest.keySet(), guest::toString);
        assertNotEquals("CHOSENDEVICE", guest.getString("device_id"));
        var device = http.get(DEVICES + "/" + guest.getString("device_id"), guest.getString("access_token"));
        assertEquals("Guest tablet", device.string("display_name"), device::text);
    }

    @Test
    void guestUpgradesToAFullAccountWithTheSameUserId() {
        JsonObject guest = registerGuest();
        String localpart = localpart(guest);

        JsonObject upgraded = register(Accounts.registration(localpart, Accounts.PASSWORD)
                .add("guest_access_token", guest.getString("access_token")).build());

        assertEquals(guest.getString("user_id"), upgraded.getString("user_id"), upgraded::toString);
        var whoami = http.get(Accounts.WHOAMI, upgraded.getString("access_token"));
        assertEquals(guest.getString("user_id"), whoami.string("user_id"), whoami::text);
        assertEquals(false, whoami.json().getBoolean("is_guest"), whoami::text);
        var login = http.post(Accounts.LOGIN, Accounts.passwordLogin(localpart, Accounts.PASSWORD).build());
        assertEquals(200, login.status(), login::text);
        assertEquals(guest.getString("user_id"), login.string("user_id"), login::text);
    }

    @Test
    void theGuestsOwnTokenShowsAFullAccountRightAfterTheUpgrade() {
        JsonObject guest = registerGuest();
        String token = guest.getString("access_token");
        assertTrue(http.get(Accounts.WHOAMI, token).json().getBoolean("is_guest"));

        register(Accounts.registration(localpart(guest), Accounts.PASSWORD).add("guest_access_token", token).build());

        var whoami = http.get(Accounts.WHOAMI, token);
        assertEquals(200, whoami.status(), whoami::text);
        assertEquals(false, whoami.json().getBoolean("is_guest"), whoami::text);
        assertEquals(guest.getString("device_id"), whoami.string("device_id"), whoami::text);
    }

    @Test
    void guestUpgradeWithoutUsernameKeepsTheGuestsUserId() {
        JsonObject guest = registerGuest();

        JsonObject upgraded = register(Json.createObjectBuilder().add("password", Accounts.PASSWORD)
                .add("guest_access_token", guest.getString("access_token")).build());

        assertEquals(guest.getString("user_id"), upgraded.getString("user_id"), upgraded::toString);
    }

    @Test
    void upgradedAccountMayUseEndpointsClosedToGuests() {
        JsonObject guest = registerGuest();
        JsonObject upgraded = register(Accounts.registration(localpart(guest), Accounts.PASSWORD)
                .add("guest_access_token", guest.getString("access_token")).build());

        var reply = http.post("/_matrix/client/v1/login/get_token", JsonObject.EMPTY_JSON_OBJECT,
                upgraded.getString("access_token"));

        assertEquals(401, reply.status(), reply::text);
        assertTrue(reply.json().containsKey("flows"), reply::text);
    }

    @Test
    void guestUpgradeToAnotherUsernameIsForbiddenAndCreatesNoAccount() {
        JsonObject guest = registerGuest();
        String other = Accounts.randomLocalpart("other");

        var reply = http.post(Accounts.REGISTER, Accounts.registration(other, Accounts.PASSWORD)
                .add("guest_access_token", guest.getString("access_token")).add("auth", Accounts.dummyAuth(null)).build());

        assertError(reply, 403, "M_FORBIDDEN");
        assertEquals(200, http.get(Accounts.REGISTER + "/available?username=" + other).status());
    }

    @Test
    void upgradeWithTheTokenOfAFullAccountIsForbidden() {
        Accounts.Account account = new Accounts(http).register();

        var reply = http.post(Accounts.REGISTER, Accounts.registration(account.localpart(), Accounts.PASSWORD)
                .add("guest_access_token", account.accessToken()).add("auth", Accounts.dummyAuth(null)).build());

        assertError(reply, 403, "M_FORBIDDEN");
    }

    @Test
    void upgradeWithAnUnknownTokenIsForbidden() {
        var reply = http.post(Accounts.REGISTER, Json.createObjectBuilder().add("password", Accounts.PASSWORD)
                .add("guest_access_token", "gha_notatoken").add("auth", Accounts.dummyAuth(null)).build());

        assertError(reply, 403, "M_FORBIDDEN");
    }

    @Test
    void upgradeOfAGuestThatLoggedOutMeanwhileIsForbidden() {
        JsonObject guest = registerGuest();
        JsonObject body = Accounts.registration(localpart(guest), Accounts.PASSWORD)
                .add("guest_access_token", guest.getString("access_token")).build();
        String session = new Accounts(http).startRegistration(body);
        assertEquals(200, http.post(Accounts.LOGOUT, JsonObject.EMPTY_JSON_OBJECT, guest.getString("access_token")).status());

        var reply = http.post(Accounts.REGISTER, Accounts.withAuth(body, Accounts.dummyAuth(session)));

        assertError(reply, 403, "M_FORBIDDEN");
    }

    /** Registers through the dummy UIA dance with {@code body}; asserts 200 and returns the answer. */
    private JsonObject register(JsonObject body) {
        String session = new Accounts(http).startRegistration(body);
        var reply = http.post(Accounts.REGISTER, Accounts.withAuth(body, Accounts.dummyAuth(session)));
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    private static String localpart(JsonObject registered) {
        String userId = registered.getString("user_id");
        return userId.substring(1, userId.indexOf(':'));
    }

    @Test
    void guestCanLogOut() {
        String token = registerGuest().getString("access_token");
        assertEquals(200, http.post("/_matrix/client/v3/logout", Json.createObjectBuilder().build(), token).status());
        assertError(http.get("/_matrix/client/v3/account/whoami", token), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }
}
