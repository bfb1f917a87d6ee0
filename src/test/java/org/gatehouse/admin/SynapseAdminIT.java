package org.gatehouse.admin;

import static org.gatehouse.admin.AdminHttp.segment;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Synapse-compatible admin API (Synapse's "User Admin API" shapes): users list, query,
 * create-or-modify, password reset, deactivation, admin flag, suspension, devices, login as a
 * user, server version.
 */
class SynapseAdminIT extends ClientIT {

    private static final String USERS = "/_synapse/admin/v2/users";
    private static final String NEW_PASSWORD = "a new horse battery staple";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    private AdminHttp admin;
    private String adminToken;

    @BeforeEach
    void anAdmin() {
        admin = new AdminHttp(http);
        adminToken = admin.newAdmin();
    }

    private MatrixHttp.Reply putUser(String userId, JsonObject body) {
        return admin.put(USERS + "/" + segment(userId), body, adminToken);
    }

    private JsonObject user(String userId) {
        MatrixHttp.Reply reply = admin.get(USERS + "/" + segment(userId), adminToken);
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    private MatrixHttp.Reply login(String localpart, String password) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(localpart, password).build());
    }

    private static List<String> names(JsonObject list) {
        return list.getJsonArray("users").stream().map(user -> user.asJsonObject().getString("name")).toList();
    }

    @Test
    void createThenLogInWithTheGivenPassword() {
        String localpart = Accounts.randomLocalpart("made");
        String userId = Accounts.userId(localpart);

        MatrixHttp.Reply created = putUser(userId, Json.createObjectBuilder().add("password", NEW_PASSWORD)
                .add("displayname", "Made By Admin").build());

        assertEquals(201, created.status(), created::text);
        assertEquals(userId, created.string("name"));
        assertEquals("Made By Admin", created.string("displayname"));
        assertEquals(false, created.json().getBoolean("admin"));
        assertEquals(200, login(localpart, NEW_PASSWORD).status());
    }

    @Test
    void modifyAnswers200AndChangesWhatIsGiven() {
        Account user = accounts.register();

        MatrixHttp.Reply modified = putUser(user.userId(), Json.createObjectBuilder().add("displayname", "Renamed")
                .add("admin", true).build());

        assertEquals(200, modified.status(), modified::text);
        JsonObject details = user(user.userId());
        assertEquals("Renamed", details.getString("displayname"));
        assertEquals(true, details.getBoolean("admin"));
        assertEquals(false, details.getBoolean("deactivated"));
        assertEquals(false, details.getBoolean("locked"));
        assertTrue(details.getJsonNumber("creation_ts").longValue() < 100_000_000_000L, "seconds, as Synapse");
        accounts.assertTokenWorks(user);
    }

    @Test
    void aNewPasswordLogsOutEveryDeviceUnlessAskedNotTo() {
        Account kept = accounts.register();
        Account loggedOut = accounts.register();

        putUser(kept.userId(), Json.createObjectBuilder().add("password", NEW_PASSWORD).add("logout_devices", false).build());
        putUser(loggedOut.userId(), Json.createObjectBuilder().add("password", NEW_PASSWORD).build());

        accounts.assertTokenWorks(kept);
        accounts.assertTokenRevoked(loggedOut.accessToken());
        assertEquals(200, login(loggedOut.localpart(), NEW_PASSWORD).status());
    }

    @Test
    void lockingThroughModifyRefusesTheUsersTokens() {
        Account user = accounts.register();

        putUser(user.userId(), Json.createObjectBuilder().add("locked", true).build());

        assertError(accounts.whoami(user.accessToken()), 401, "M_USER_LOCKED", "soft_logout");
        assertEquals(true, user(user.userId()).getBoolean("locked"));
    }

    @Test
    void resetPasswordLogsOutAndTheNewPasswordWorks() {
        Account user = accounts.register();

        MatrixHttp.Reply reset = admin.post("/_synapse/admin/v1/reset_password/" + segment(user.userId()),
                Json.createObjectBuilder().add("new_password", NEW_PASSWORD).build(), adminToken);

        assertEquals(200, reset.status(), reset::text);
        assertEquals(Json.createObjectBuilder().build(), reset.json());
        accounts.assertTokenRevoked(user.accessToken());
        assertEquals(200, login(user.localpart(), NEW_PASSWORD).status());
        assertError(admin.post("/_synapse/admin/v1/reset_password/" + segment(user.userId()),
                Json.createObjectBuilder().build(), adminToken), 400, "M_MISSING_PARAM");
    }

    @Test
    void deactivateThenReactivateWithAPassword() {
        Account user = accounts.register();

        MatrixHttp.Reply deactivated = admin.post("/_synapse/admin/v1/deactivate/" + segment(user.userId()),
                Json.createObjectBuilder().add("erase", false).build(), adminToken);

        assertEquals(200, deactivated.status(), deactivated::text);
        assertEquals("success", deactivated.string("id_server_unbind_result"));
        accounts.assertTokenRevoked(user.accessToken());
        assertError(login(user.localpart(), user.password()), 403, "M_USER_DEACTIVATED");
        assertEquals(true, user(user.userId()).getBoolean("deactivated"));
        assertError(putUser(user.userId(), Json.createObjectBuilder().add("deactivated", false).build()),
                400, "M_MISSING_PARAM");

        MatrixHttp.Reply reactivated = putUser(user.userId(), Json.createObjectBuilder().add("deactivated", false)
                .add("password", NEW_PASSWORD).build());

        assertEquals(200, reactivated.status(), reactivated::text);
        assertEquals(200, login(user.localpart(), NEW_PASSWORD).status());
    }

    @Test
    void listPagesWithNextTokenAndTotal() {
        String prefix = Accounts.randomLocalpart("page");
        for (String suffix : List.of("a", "b", "c")) {
            assertEquals(201, putUser(Accounts.userId(prefix + suffix), Json.createObjectBuilder().build()).status());
        }

        JsonObject first = admin.get(USERS + "?name=" + prefix + "&limit=2", adminToken).json();
        JsonObject second = admin.get(USERS + "?name=" + prefix + "&limit=2&from=" + first.getString("next_token"),
                adminToken).json();

        assertEquals(List.of(Accounts.userId(prefix + "a"), Accounts.userId(prefix + "b")), names(first));
        assertEquals(3, first.getInt("total"));
        assertEquals("2", first.getString("next_token"));
        assertEquals(List.of(Accounts.userId(prefix + "c")), names(second));
        assertFalse(second.containsKey("next_token"), second::toString);
        JsonObject backwards = admin.get(USERS + "?name=" + prefix + "&order_by=name&dir=b", adminToken).json();
        assertEquals(Accounts.userId(prefix + "c"), names(backwards).get(0));
    }

    @Test
    void listFiltersDeactivatedLockedAndAdmins() {
        String prefix = Accounts.randomLocalpart("filt");
        String live = Accounts.userId(prefix + "live");
        String gone = Accounts.userId(prefix + "gone");
        String locked = Accounts.userId(prefix + "locked");
        String boss = Accounts.userId(prefix + "boss");
        putUser(live, Json.createObjectBuilder().build());
        putUser(gone, Json.createObjectBuilder().add("deactivated", true).build());
        putUser(locked, Json.createObjectBuilder().add("locked", true).build());
        putUser(boss, Json.createObjectBuilder().add("admin", true).build());
        String query = USERS + "?name=" + prefix;

        assertEquals(List.of(boss, live), names(admin.get(query, adminToken).json()));
        assertEquals(List.of(boss, gone, live, locked),
                names(admin.get(query + "&deactivated=true&locked=true", adminToken).json()));
        assertEquals(List.of(gone), names(admin.get("/_synapse/admin/v3/users?name=" + prefix + "&deactivated=true",
                adminToken).json()));
        assertEquals(List.of(boss), names(admin.get(query + "&admins=true", adminToken).json()));
    }

    /**
     * The list without a name filter, with and without guests, and by user ID: each builds a different
     * query (on Payara's H2, EclipseLink once sent the boolean conditions of these as 0 and 1, and the
     * list answered 500).
     */
    @Test
    void listWithoutNameFilterWithGuestsAndByUserId() {
        String prefix = Accounts.randomLocalpart("bare");
        String userId = Accounts.userId(prefix + "x");
        assertEquals(201, putUser(userId, Json.createObjectBuilder().build()).status());

        for (String query : List.of("", "?guests=true", "?guests=false&deactivated=false&admins=false",
                "?deactivated=true&locked=true&admins=true")) {
            MatrixHttp.Reply list = admin.get(USERS + query, adminToken);
            assertEquals(200, list.status(), () -> query + ": " + list.text());
            assertTrue(list.json().getJsonNumber("total").longValue() >= list.json().getJsonArray("users").size(), list::text);
        }
        MatrixHttp.Reply byUserId = admin.get("/_synapse/admin/v3/users?user_id=" + segment(userId), adminToken);
        assertEquals(200, byUserId.status(), byUserId::text);
        assertEquals(List.of(userId), names(byUserId.json()));
    }

    @Test
    void wildcardsInTheNameFilterMatchThemselves() {
        String prefix = Accounts.randomLocalpart("wild");
        String underscore = Accounts.userId(prefix + "a_b");
        putUser(underscore, Json.createObjectBuilder().build());
        putUser(Accounts.userId(prefix + "axb"), Json.createObjectBuilder().build());
        putUser(Accounts.userId(prefix + "c"), Json.createObjectBuilder().add("displayname", prefix + " 50% \\ off").build());

        assertEquals(List.of(underscore), names(admin.get(USERS + "?name=" + prefix + "a_b", adminToken).json()));
        assertEquals(List.of(Accounts.userId(prefix + "c")),
                names(admin.get(USERS + "?name=" + segment(prefix + " 50% \\ o"), adminToken).json()));
        assertEquals(List.of(), names(admin.get(USERS + "?name=" + prefix + "%25", adminToken).json()));
    }

    /**
     * The user ID filter at each place the text can sit (inside, from the localpart's start, to its end, the
     * whole ID) with an underscore in it: the underscore matches only itself (on Payara's H2 such a search
     * once answered 500).
     */
    @Test
    void wildcardsInTheUserIdFilterMatchThemselves() {
        String prefix = Accounts.randomLocalpart("wid");
        String underscore = Accounts.userId(prefix + "a_b");
        putUser(underscore, Json.createObjectBuilder().build());
        putUser(Accounts.userId(prefix + "axb"), Json.createObjectBuilder().build());
        String localpart = underscore.substring(1, underscore.indexOf(':'));
        String endOfId = localpart.substring(localpart.length() - 8) + underscore.substring(underscore.indexOf(':'));

        for (String text : List.of(prefix + "a_", "@" + prefix + "a_", endOfId, underscore)) {
            MatrixHttp.Reply list = admin.get("/_synapse/admin/v3/users?user_id=" + segment(text), adminToken);
            assertEquals(200, list.status(), () -> text + ": " + list.text());
            assertEquals(List.of(underscore), names(list.json()), text);
        }
    }

    /** Reads are admin calls too: each leaves an {@code admin_action} audit line with the admin and the target. */
    @Test
    void readsAreAuditedWithTheAdminAndTheTarget() throws InterruptedException {
        Account user = accounts.register();
        String adminId = admin.userIdOf(adminToken);
        ServerLog log = ServerLog.fromNow();

        user(user.userId());
        admin.get(USERS + "?name=" + user.localpart(), adminToken);
        admin.get("/_synapse/admin/v1/registration_tokens", adminToken);
        admin.get("/_synapse/admin/v1/appservices", adminToken);

        for (String[] actionAndTarget : List.of(new String[] {"user_query", user.userId()},
                new String[] {"user_list", "users"}, new String[] {"registration_token_list", "registration_tokens"},
                new String[] {"appservice_list", "appservices"})) {
            assertTrue(log.hasLineWith("event=admin_action", "user=" + adminId, "action=" + actionAndTarget[0],
                    "target=" + actionAndTarget[1]), log::added);
        }
    }

    @Test
    void badListParametersAreInvalid() {
        for (String query : List.of("from=-1", "limit=x", "dir=up", "order_by=last_seen_ts", "guests=maybe")) {
            assertError(admin.get(USERS + "?" + query, adminToken), 400, "M_INVALID_PARAM");
        }
    }

    @Test
    void unknownAndRemoteUsers() {
        assertError(admin.get(USERS + "/" + segment(Accounts.userId(Accounts.randomLocalpart("nobody"))), adminToken),
                404, "M_NOT_FOUND");
        assertError(admin.get(USERS + "/" + segment("@someone:elsewhere.example"), adminToken), 400, "M_INVALID_PARAM");
        assertError(admin.post("/_synapse/admin/v1/deactivate/" + segment("@someone:elsewhere.example"),
                Json.createObjectBuilder().build(), adminToken), 400, "M_INVALID_PARAM");
    }

    @Test
    void nonAdminsAreForbiddenEverywhere() {
        Account user = accounts.register();
        String token = user.accessToken();
        String target = segment(user.userId());

        assertError(admin.get(USERS, token), 403, "M_FORBIDDEN");
        assertError(admin.get("/_synapse/admin/v3/users", token), 403, "M_FORBIDDEN");
        assertError(admin.get(USERS + "/" + target, token), 403, "M_FORBIDDEN");
        assertError(admin.put(USERS + "/" + target, Json.createObjectBuilder().add("admin", true).build(), token),
                403, "M_FORBIDDEN");
        assertError(admin.post("/_synapse/admin/v1/reset_password/" + target,
                Json.createObjectBuilder().add("new_password", NEW_PASSWORD).build(), token), 403, "M_FORBIDDEN");
        assertError(admin.post("/_synapse/admin/v1/deactivate/" + target, Json.createObjectBuilder().build(), token),
                403, "M_FORBIDDEN");
        assertError(admin.get(USERS + "/" + target + "/devices", token), 403, "M_FORBIDDEN");
        assertError(admin.put("/_synapse/admin/v1/suspend/" + target, Json.createObjectBuilder().add("suspend", true).build(),
                token), 403, "M_FORBIDDEN");
        assertError(admin.post("/_synapse/admin/v1/users/" + target + "/login", Json.createObjectBuilder().build(), token),
                403, "M_FORBIDDEN");
        assertError(admin.get("/_synapse/admin/v1/users/" + target + "/admin", token), 403, "M_FORBIDDEN");
        assertError(admin.get("/_synapse/admin/v1/server_version", token), 403, "M_FORBIDDEN");
    }

    @Test
    void theAdminFlagIsReadAndSetButAnAdminCannotDemoteThemselves() {
        Account user = accounts.register();
        String flag = "/_synapse/admin/v1/users/" + segment(user.userId()) + "/admin";

        assertEquals(Json.createObjectBuilder().add("admin", false).build(), admin.get(flag, adminToken).json());
        assertEquals(200, admin.put(flag, Json.createObjectBuilder().add("admin", true).build(), adminToken).status());
        assertEquals(Json.createObjectBuilder().add("admin", true).build(), admin.get(flag, adminToken).json());
        assertError(admin.put("/_synapse/admin/v1/users/" + segment(admin.userIdOf(adminToken)) + "/admin",
                Json.createObjectBuilder().add("admin", false).build(), adminToken), 400, "M_INVALID_PARAM");
    }

    @Test
    void suspendAnswersInSynapsesShape() {
        Account user = accounts.register();

        MatrixHttp.Reply suspended = admin.put("/_synapse/admin/v1/suspend/" + segment(user.userId()),
                Json.createObjectBuilder().add("suspend", true).build(), adminToken);

        assertEquals(200, suspended.status(), suspended::text);
        assertEquals(Json.createObjectBuilder().add("user_" + user.userId() + "_suspended", true).build(), suspended.json());
        assertEquals(true, user(user.userId()).getBoolean("suspended"));
    }

    @Test
    void devicesAreListedRenamedAndDeleted() {
        Account user = accounts.register();
        Account second = accounts.login(user);
        Account third = accounts.login(user);
        String devices = USERS + "/" + segment(user.userId()) + "/devices";

        JsonObject list = admin.get(devices, adminToken).json();
        assertEquals(3, list.getInt("total"), list::toString);
        assertEquals(user.userId(), list.getJsonArray("devices").getJsonObject(0).getString("user_id"));

        assertEquals(200, admin.put(devices + "/" + second.deviceId(),
                Json.createObjectBuilder().add("display_name", "Support renamed").build(), adminToken).status());
        assertEquals("Support renamed", admin.get(devices + "/" + second.deviceId(), adminToken).string("display_name"));

        assertEquals(200, admin.delete(devices + "/" + second.deviceId(), adminToken).status());
        accounts.assertTokenRevoked(second.accessToken());
        assertError(admin.get(devices + "/" + second.deviceId(), adminToken), 404, "M_NOT_FOUND");

        MatrixHttp.Reply deleted = admin.post(USERS + "/" + segment(user.userId()) + "/delete_devices",
                Json.createObjectBuilder().add("devices", Json.createArrayBuilder().add(third.deviceId()).add("GONE")).build(),
                adminToken);
        assertEquals(200, deleted.status(), deleted::text);
        accounts.assertTokenRevoked(third.accessToken());
        accounts.assertTokenWorks(user);
        assertError(admin.post(USERS + "/" + segment(user.userId()) + "/delete_devices", Json.createObjectBuilder().build(),
                adminToken), 400, "M_MISSING_PARAM");
    }

    @Test
    void anAdminLogsInAsAUserButNotAsAnotherAdmin() {
        Account user = accounts.register();
        String otherAdmin = admin.userIdOf(admin.newAdmin());

        MatrixHttp.Reply login = admin.post("/_synapse/admin/v1/users/" + segment(user.userId()) + "/login",
                Json.createObjectBuilder().build(), adminToken);

        assertEquals(200, login.status(), login::text);
        assertEquals(user.userId(), accounts.whoami(login.string("access_token")).string("user_id"));
        assertError(admin.post("/_synapse/admin/v1/users/" + segment(otherAdmin) + "/login",
                Json.createObjectBuilder().build(), adminToken), 403, "M_FORBIDDEN");
    }

    @Test
    void aSessionOpenedByAnAdminExpiresAtValidUntilMs() {
        Account user = accounts.register();

        MatrixHttp.Reply login = admin.post("/_synapse/admin/v1/users/" + segment(user.userId()) + "/login",
                Json.createObjectBuilder().add("valid_until_ms", System.currentTimeMillis() - 60_000).build(), adminToken);

        assertEquals(200, login.status(), login::text);
        JsonObject expired = assertError(accounts.whoami(login.string("access_token")), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(true, expired.getBoolean("soft_logout"));
    }

    @Test
    void serverVersionNamesGatehouse() {
        MatrixHttp.Reply version = admin.get("/_synapse/admin/v1/server_version", adminToken);

        assertEquals(200, version.status(), version::text);
        assertTrue(version.json().get("server_version") instanceof JsonString, version::text);
        assertTrue(version.string("server_version").startsWith("Gatehouse"), version::text);
    }
}
