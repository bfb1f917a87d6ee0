package org.gatehouse.admin;

import static org.gatehouse.admin.AdminHttp.segment;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /_matrix/client/v3/admin/whois/{userId}} (spec: admin module) and Synapse's
 * {@code GET /_synapse/admin/v1/whois/{userId}}, which answer alike: every device with the
 * address, time and user agent of its latest request.
 */
class WhoisIT extends ClientIT {

    private static final String WHOIS = "/_matrix/client/v3/admin/whois/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void anAdminSeesEachDeviceWithItsLastAddressTimeAndUserAgent() {
        AdminHttp admin = new AdminHttp(http);
        String adminToken = admin.newAdmin();
        Account user = accounts.register();
        Account second = accounts.login(user);
        assertEquals(200, admin.getAs("GatehouseIT/1.0 (whois)", Accounts.WHOAMI, second.accessToken()).status());

        for (String path : new String[] {WHOIS, "/_synapse/admin/v1/whois/"}) {
            MatrixHttp.Reply reply = admin.get(path + segment(user.userId()), adminToken);

            assertEquals(200, reply.status(), reply::text);
            JsonObject body = reply.json();
            assertEquals(user.userId(), body.getString("user_id"));
            JsonObject devices = body.getJsonObject("devices");
            assertEquals(Set.of(user.deviceId(), second.deviceId()), devices.keySet(), body::toString);
            JsonObject connection = devices.getJsonObject(second.deviceId()).getJsonArray("sessions").getJsonObject(0)
                    .getJsonArray("connections").getJsonObject(0);
            assertEquals("GatehouseIT/1.0 (whois)", connection.getString("user_agent"), body::toString);
            assertTrue(connection.getJsonNumber("last_seen").longValue() > 0, body::toString);
            assertTrue(!connection.getString("ip").isEmpty(), body::toString);
        }
    }

    @Test
    void aUserMayLookUpThemselvesButNoOneElse() {
        Account user = accounts.register();
        Account other = accounts.register();

        assertEquals(200, http.get(WHOIS + segment(user.userId()), user.accessToken()).status());
        assertError(http.get(WHOIS + segment(other.userId()), user.accessToken()), 403, "M_FORBIDDEN");
        assertError(http.get("/_synapse/admin/v1/whois/" + segment(user.userId()), user.accessToken()), 403, "M_FORBIDDEN");
    }

    @Test
    void anUnknownUserIsNotFound() {
        String adminToken = new AdminHttp(http).newAdmin();

        assertError(http.get(WHOIS + segment(Accounts.userId(Accounts.randomLocalpart("nobody"))), adminToken),
                404, "M_NOT_FOUND");
        assertError(http.get(WHOIS + segment("@x:elsewhere.example"), adminToken), 400, "M_INVALID_PARAM");
    }
}
