package org.gatehouse.admin;

import static org.gatehouse.admin.AdminHttp.segment;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
 * The admin module's account moderation (spec: "Account locking", "Account suspension";
 * {@code admin.yaml} {@code /v1/admin/lock}, {@code /v1/admin/suspend}) and
 * {@code m.account_moderation} in {@code GET /capabilities}.
 */
class AccountModerationIT extends ClientIT {

    private static final String LOCK = "/_matrix/client/v1/admin/lock/";
    private static final String SUSPEND = "/_matrix/client/v1/admin/suspend/";

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

    private MatrixHttp.Reply setLocked(String userId, boolean locked) {
        return admin.put(LOCK + segment(userId), Json.createObjectBuilder().add("locked", locked).build(), adminToken);
    }

    private MatrixHttp.Reply setSuspended(String userId, boolean suspended) {
        return admin.put(SUSPEND + segment(userId), Json.createObjectBuilder().add("suspended", suspended).build(), adminToken);
    }

    private static void assertOk(MatrixHttp.Reply reply, JsonObject expected) {
        assertEquals(200, reply.status(), reply::text);
        assertEquals(expected, reply.json());
    }

    private static void assertLocked(MatrixHttp.Reply reply) {
        JsonObject body = assertError(reply, 401, "M_USER_LOCKED", "soft_logout");
        assertEquals(true, body.getBoolean("soft_logout"), body::toString);
    }

    @Test
    void aLockedAccountsTokenAnswersUserLockedAndWorksAgainOnceUnlocked() {
        Account user = accounts.register();
        accounts.assertTokenWorks(user);

        assertOk(setLocked(user.userId(), true), Json.createObjectBuilder().add("locked", true).build());
        assertLocked(accounts.whoami(user.accessToken()));
        assertOk(admin.get(LOCK + segment(user.userId()), adminToken), Json.createObjectBuilder().add("locked", true).build());

        assertOk(setLocked(user.userId(), false), Json.createObjectBuilder().add("locked", false).build());
        accounts.assertTokenWorks(user);
    }

    @Test
    void aLockedAccountCannotLogInUntilUnlocked() {
        Account user = accounts.register();
        setLocked(user.userId(), true);

        assertLocked(http.post(Accounts.LOGIN, Accounts.passwordLogin(user.localpart(), user.password()).build()));

        setLocked(user.userId(), false);
        accounts.login(user);
    }

    @Test
    void aLockedAccountCannotRefreshItsToken() {
        Account user = accounts.register();
        MatrixHttp.Reply login = http.post(Accounts.LOGIN, Accounts.passwordLogin(user.localpart(), user.password())
                .add("refresh_token", true).build());
        assertEquals(200, login.status(), login::text);
        JsonObject refresh = Json.createObjectBuilder().add("refresh_token", login.string("refresh_token")).build();
        setLocked(user.userId(), true);

        assertLocked(http.post("/_matrix/client/v3/refresh", refresh));

        setLocked(user.userId(), false);
        assertEquals(200, http.post("/_matrix/client/v3/refresh", refresh).status());
    }

    @Test
    void aLockedAccountMayLogOut() {
        Account user = accounts.register();
        setLocked(user.userId(), true);

        MatrixHttp.Reply reply = http.post(Accounts.LOGOUT, Json.createObjectBuilder().build(), user.accessToken());

        assertEquals(200, reply.status(), reply::text);
        setLocked(user.userId(), false);
        accounts.assertTokenRevoked(user.accessToken());
    }

    @Test
    void aNonAdminIsForbiddenBeforeAnyLookup() {
        Account user = accounts.register();
        String nobody = Accounts.userId(Accounts.randomLocalpart("nobody"));

        assertError(admin.get(LOCK + segment(nobody), user.accessToken()), 403, "M_FORBIDDEN");
        assertError(admin.put(SUSPEND + segment(nobody), Json.createObjectBuilder().build(), user.accessToken()),
                403, "M_FORBIDDEN");
        assertError(admin.get(SUSPEND + segment(nobody), user.accessToken()), 403, "M_FORBIDDEN");
    }

    @Test
    void aRemoteUserIsAnInvalidParameter() {
        assertError(admin.get(LOCK + segment("@someone:elsewhere.example"), adminToken), 400, "M_INVALID_PARAM");
        assertError(setSuspended("@someone:elsewhere.example", true), 400, "M_INVALID_PARAM");
    }

    @Test
    void anUnknownOrDeactivatedUserIsNotFound() {
        assertError(setLocked(Accounts.userId(Accounts.randomLocalpart("nobody")), true), 404, "M_NOT_FOUND");
        Account user = accounts.register();
        MatrixHttp.Reply deactivated = admin.post("/_synapse/admin/v1/deactivate/" + segment(user.userId()),
                Json.createObjectBuilder().build(), adminToken);
        assertEquals(200, deactivated.status(), deactivated::text);

        assertError(admin.get(SUSPEND + segment(user.userId()), adminToken), 404, "M_NOT_FOUND");
    }

    @Test
    void anotherAdminAndOneselfCannotBeModerated() {
        String otherAdmin = admin.userIdOf(admin.newAdmin());
        String self = admin.userIdOf(adminToken);

        assertError(setLocked(otherAdmin, true), 403, "M_FORBIDDEN");
        assertError(setSuspended(otherAdmin, true), 403, "M_FORBIDDEN");
        assertError(admin.get(LOCK + segment(otherAdmin), adminToken), 403, "M_FORBIDDEN");
        assertError(setLocked(self, true), 403, "M_FORBIDDEN");
        assertError(setSuspended(self, true), 403, "M_FORBIDDEN");
    }

    @Test
    void aBodyWithoutItsBooleanIsRefused() {
        Account user = accounts.register();

        assertError(admin.put(LOCK + segment(user.userId()), Json.createObjectBuilder().build(), adminToken),
                400, "M_MISSING_PARAM");
        assertError(admin.put(SUSPEND + segment(user.userId()), Json.createObjectBuilder().add("suspended", "yes").build(),
                adminToken), 400, "M_BAD_JSON");
    }

    @Test
    void aSuspendedAccountKeepsItsSessionsButCannotChangeItsPasswordOrRenameDevices() {
        Account user = accounts.register();
        assertOk(setSuspended(user.userId(), true), Json.createObjectBuilder().add("suspended", true).build());

        accounts.assertTokenWorks(user);
        Account second = accounts.login(user);
        assertError(admin.put("/_matrix/client/v3/devices/" + second.deviceId(),
                Json.createObjectBuilder().add("display_name", "renamed").build(), user.accessToken()), 403, "M_USER_SUSPENDED");
        assertError(http.post("/_matrix/client/v3/account/password",
                Json.createObjectBuilder().add("new_password", "another horse battery staple").build(), user.accessToken()),
                403, "M_USER_SUSPENDED");
        assertOk(admin.get(SUSPEND + segment(user.userId()), adminToken),
                Json.createObjectBuilder().add("suspended", true).build());

        setSuspended(user.userId(), false);
        MatrixHttp.Reply renamed = admin.put("/_matrix/client/v3/devices/" + second.deviceId(),
                Json.createObjectBuilder().add("display_name", "renamed").build(), user.accessToken());
        assertEquals(200, renamed.status(), renamed::text);
    }

    @Test
    void everyCallIsAuditedWithTheAdminAndTheTarget() throws InterruptedException {
        Account user = accounts.register();
        String adminId = admin.userIdOf(adminToken);
        ServerLog log = ServerLog.fromNow();

        setLocked(user.userId(), true);
        admin.get(SUSPEND + segment(user.userId()), adminToken);

        assertTrue(log.hasLineWith("event=admin_action", "user=" + adminId, "action=lock", "target=" + user.userId()),
                log::added);
        assertTrue(log.hasLineWith("event=admin_action", "user=" + adminId, "action=suspend_query",
                "target=" + user.userId()), log::added);
    }

    @Test
    void capabilitiesListAccountModerationForAdminsOnly() {
        Account user = accounts.register();

        JsonObject forAdmin = admin.get("/_matrix/client/v3/capabilities", adminToken).json().getJsonObject("capabilities");
        JsonObject forUser = admin.get("/_matrix/client/v3/capabilities", user.accessToken()).json().getJsonObject("capabilities");

        assertEquals(Json.createObjectBuilder().add("suspend", true).add("lock", true).build(),
                forAdmin.getJsonObject("m.account_moderation"));
        assertFalse(forUser.containsKey("m.account_moderation"), forUser::toString);
    }
}
