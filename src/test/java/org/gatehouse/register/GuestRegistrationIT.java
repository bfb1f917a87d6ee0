package org.gatehouse.register;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
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

/** Guest registration (spec: "Guest Access") with {@code gatehouse.registration.allow-guests} on. */
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

    private JsonObject registerGuest() {
        var reply = http.post("/_matrix/client/v3/register?kind=guest", Json.createObjectBuilder().build());
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
    void guestCanLogOut() {
        String token = registerGuest().getString("access_token");
        assertEquals(200, http.post("/_matrix/client/v3/logout", Json.createObjectBuilder().build(), token).status());
        assertError(http.get("/_matrix/client/v3/account/whoami", token), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }
}
