package org.gatehouse.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixAssertions;
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
 * synadm, the command-line admin tool of Synapse admins (Debian's package, 0.38 in Debian 12),
 * drives Gatehouse's Synapse-compatible admin API unchanged: it lists, queries, creates, modifies,
 * deactivates users, resets passwords, shows sessions, logs in as a user and manages registration
 * tokens. synadm exits with 0 even on an error answer, so each step checks what it printed, and the
 * effect through the client API. (This synadm has no command to lock an account; locking is
 * covered by AccountModerationIT and SynapseAdminIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SynadmIT {

    private static final String NEW_PASSWORD = "synadm horse battery staple";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;
    private Accounts accounts;
    private String adminToken;
    private Synadm synadm;

    @BeforeEach
    void configure() {
        http = new MatrixHttp(base);
        accounts = new Accounts(http);
        adminToken = new TokenAdminClient(http).newUser(true);
        String adminId = accounts.whoami(adminToken).string("user_id");
        synadm = new Synadm(base.toString().replaceAll("/+$", ""), adminId, adminToken);
    }

    private static List<String> names(JsonObject list) {
        return list.getJsonArray("users").stream().map(user -> user.asJsonObject().getString("name")).toList();
    }

    @Test
    void versionNamesGatehouse() {
        JsonObject version = synadm.run("version").lastJson();

        assertTrue(version.getString("server_version").startsWith("Gatehouse"), version::toString);
    }

    @Test
    void createsQueriesAndModifiesAUser() {
        String localpart = Accounts.randomLocalpart("synadm");
        String userId = Accounts.userId(localpart);

        JsonObject created = synadm.run("user", "modify", userId, "-P", NEW_PASSWORD, "-n", "Made By Synadm").lastJson();
        assertEquals(userId, created.getString("name"), created::toString);
        assertEquals(200, http.post(Accounts.LOGIN, Accounts.passwordLogin(localpart, NEW_PASSWORD).build()).status());

        synadm.run("user", "modify", userId, "-a", "-n", "Now An Admin");
        JsonObject details = synadm.run("user", "details", userId).lastJson();

        assertEquals("Now An Admin", details.getString("displayname"), details::toString);
        assertEquals(true, details.getBoolean("admin"), details::toString);
    }

    @Test
    void listsAndSearchesUsers() {
        String prefix = Accounts.randomLocalpart("sylist");
        accounts.register(prefix + "a");
        accounts.register(prefix + "b");

        JsonObject list = synadm.run("user", "list", "-n", prefix).lastJson();

        assertEquals(List.of(Accounts.userId(prefix + "a"), Accounts.userId(prefix + "b")), names(list));
        assertEquals(2, list.getInt("total"));
        assertFalse(list.containsKey("next_token"), list::toString);
        assertEquals(1, names(synadm.run("user", "list", "-n", prefix, "-l", "1").lastJson()).size());
    }

    @Test
    void resetsAPasswordAndLogsTheUserOut() {
        Account user = accounts.register();

        JsonObject answer = synadm.run("user", "password", user.userId(), "-p", NEW_PASSWORD).lastJson();

        assertEquals(Json.createObjectBuilder().build(), answer);
        accounts.assertTokenRevoked(user.accessToken());
        assertEquals(200, http.post(Accounts.LOGIN, Accounts.passwordLogin(user.localpart(), NEW_PASSWORD).build()).status());
    }

    @Test
    void showsTheSessionsOfAUser() {
        Account user = accounts.register();
        accounts.assertTokenWorks(user);

        JsonObject whois = synadm.run("user", "whois", user.userId()).lastJson();

        assertEquals(user.userId(), whois.getString("user_id"), whois::toString);
        assertTrue(whois.getJsonObject("devices").containsKey(user.deviceId()), whois::toString);
    }

    @Test
    void deactivatesAUser() {
        Account user = accounts.register();

        JsonObject answer = synadm.run("user", "deactivate", user.userId()).lastJson();

        assertEquals("success", answer.getString("id_server_unbind_result"), answer::toString);
        accounts.assertTokenRevoked(user.accessToken());
        MatrixAssertions.assertError(http.post(Accounts.LOGIN,
                Accounts.passwordLogin(user.localpart(), user.password()).build()), 403, "M_USER_DEACTIVATED");
    }

    @Test
    void logsInAsAUser() {
        Account user = accounts.register();

        JsonObject login = synadm.run("user", "login", user.userId()).lastJson();

        assertEquals(user.userId(), accounts.whoami(login.getString("access_token")).string("user_id"), login::toString);
    }

    @Test
    void managesRegistrationTokens() {
        String token = Accounts.randomLocalpart("regtok");

        JsonObject created = synadm.run("regtok", "new", "-n", token, "-u", "3").lastJson();
        assertEquals(token, created.getString("token"), created::toString);
        assertEquals(3, created.getInt("uses_allowed"));

        JsonObject updated = synadm.run("regtok", "update", token, "-u", "5").lastJson();
        assertEquals(5, updated.getInt("uses_allowed"), updated::toString);
        assertEquals(5, synadm.run("regtok", "details", token).lastJson().getInt("uses_allowed"));
        assertTrue(synadm.run("regtok", "list").lastJson().getJsonArray("registration_tokens").stream()
                .anyMatch(listed -> listed.asJsonObject().getString("token").equals(token)));

        synadm.run("regtok", "delete", token);
        MatrixHttp.Reply gone = http.get(TokenAdminClient.TOKENS + "/" + token, adminToken);
        MatrixAssertions.assertError(gone, 404, "M_NOT_FOUND");
    }
}
