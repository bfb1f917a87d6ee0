package org.gatehouse.credential.ldap;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.admin.ServerLog;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.Concurrently;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Directory login end to end: Gatehouse with {@code gatehouse.password-backends=ldap,local} against
 * the UnboundID in-memory directory this test JVM runs (a dead URI first, so every login also
 * fails over), with a service account and a required group. Each test adds its own people.
 */
class DirectoryLoginIT extends ClientIT {

    private static final TestDirectory LDAP = new TestDirectory();
    private static final String DEAD_URI = "ldap://127.0.0.1:" + TestDirectory.freePort();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("gatehouse.password-backends", "ldap,local");
        settings.put("gatehouse.ldap.uris", DEAD_URI + "," + LDAP.uri());
        settings.put("gatehouse.ldap.bind-dn", TestDirectory.SERVICE_DN);
        settings.put("gatehouse.ldap.bind-password", "service-pw");
        settings.put("gatehouse.ldap.base", TestDirectory.BASE);
        settings.put("gatehouse.ldap.filter", "(objectClass=inetOrgPerson)");
        settings.put("gatehouse.ldap.required-filter", TestDirectory.GROUP_FILTER);
        settings.put("gatehouse.ldap.connect-timeout-ms", "1000");
        settings.put("gatehouse.ldap.response-timeout-ms", "2000");
        settings.put("gatehouse.ldap.retry-after-seconds", "7");
        settings.put("gatehouse.ldap.revoke-on-disable", "true");
        settings.put("gatehouse.ldap.check-interval-seconds", "1");
        return GatehouseDeployment.war(settings);
    }

    @AfterAll
    static void stopDirectory() {
        LDAP.close();
    }

    /** Adds a person (uid = a random name) to the directory; returns the uid. Password: uid + "-pw". */
    private static String person(String prefix, boolean inGroup) {
        return LDAP.addPerson(prefix, inGroup);
    }

    private MatrixHttp.Reply login(String user, String password) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(user, password).build());
    }

    private MatrixHttp.Reply loginByEmail(String address, String password) {
        return http.post(Accounts.LOGIN, Accounts.emailPasswordLogin(address, password).build());
    }

    @Test
    void aDirectoryUserLogsInAndTheFirstLoginMakesTheAccount() {
        String uid = person("dir", true);

        MatrixHttp.Reply reply = login(uid, uid + "-pw");

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Accounts.userId(uid), reply.string("user_id"));
        assertEquals(200, accounts.whoami(reply.string("access_token")).status());
        MatrixHttp.Reply again = login(Accounts.userId(uid), uid + "-pw");
        assertEquals(Accounts.userId(uid), again.string("user_id"), again::text);
    }

    @Test
    void concurrentFirstLoginsOfOneDirectoryUserMakeOneAccount() throws Exception {
        String uid = person("race", true);

        List<MatrixHttp.Reply> replies = Concurrently.post(http, Accounts.LOGIN, Accounts.passwordLogin(uid, uid + "-pw").build(), 8);

        assertEquals(Accounts.userId(uid), Concurrently.assertOneUserForAll(replies));
    }

    @Test
    void everyLoginCopiesTheDisplayNameFromTheDirectory() throws LDAPException {
        String uid = person("named", true);
        String admin = new TokenAdminClient(http).newUser(true);
        String user = "/_synapse/admin/v2/users/" + Accounts.userId(uid);

        assertEquals(200, login(uid, uid + "-pw").status());
        assertEquals("Person " + uid, http.get(user, admin).string("displayname"));

        LDAP.server().modify("uid=" + uid + ",ou=people," + TestDirectory.BASE,
                new Modification(ModificationType.REPLACE, "cn", "Renamed " + uid));
        assertEquals(200, login(uid, uid + "-pw").status());
        assertEquals("Renamed " + uid, http.get(user, admin).string("displayname"));
    }

    @Test
    void aDirectoryNameInCapitalsIsTheSameLowercasedUser() {
        String uid = person("dir", true);

        MatrixHttp.Reply reply = login(uid.toUpperCase(java.util.Locale.ROOT), uid + "-pw");

        assertEquals(Accounts.userId(uid), reply.string("user_id"), reply::text);
    }

    @Test
    void aDirectoryUserLogsInByEmail() {
        String uid = person("mail", true);

        MatrixHttp.Reply reply = loginByEmail(uid.toUpperCase(java.util.Locale.ROOT) + "@Example.org", uid + "-pw");

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Accounts.userId(uid), reply.string("user_id"));
    }

    @Test
    void aWrongDirectoryPasswordAndAnUnknownNameLookTheSame() {
        String uid = person("dir", true);

        JsonObject wrong = assertError(login(uid, "not-it"), 403, "M_FORBIDDEN");
        JsonObject unknown = assertError(login(Accounts.randomLocalpart("nobody"), "not-it"), 403, "M_FORBIDDEN");
        assertEquals(unknown, wrong);
    }

    @Test
    void aPersonOutsideTheRequiredGroupCannotLogIn() {
        String uid = person("outsider", false);

        assertError(login(uid, uid + "-pw"), 403, "M_FORBIDDEN");
    }

    @Test
    void aDirectoryNameThatIsNoMatrixLocalpartCannotLogIn() {
        assertError(login("o'neil", "oneil-pw"), 403, "M_FORBIDDEN");
    }

    @Test
    void aPasswordChangedInTheDirectoryWorksAtOnce() throws LDAPException {
        String uid = person("dir", true);
        assertEquals(200, login(uid, uid + "-pw").status());

        LDAP.server().modify("uid=" + uid + ",ou=people," + TestDirectory.BASE,
                new Modification(ModificationType.REPLACE, "userPassword", "changed-pw"));

        assertError(login(uid, uid + "-pw"), 403, "M_FORBIDDEN");
        assertEquals(200, login(uid, "changed-pw").status());
    }

    @Test
    void aPersonDeletedFromTheDirectoryCannotLogInWithAnyPassword() throws LDAPException {
        String uid = person("gone", true);
        assertEquals(200, login(uid, uid + "-pw").status());

        LDAP.server().delete("uid=" + uid + ",ou=people," + TestDirectory.BASE);

        assertError(login(uid, uid + "-pw"), 403, "M_FORBIDDEN");
    }

    @Test
    void aPersonRemovedFromTheGroupLosesTheirSessionsAtTheNextCheck() throws Exception {
        String uid = person("revoked", true);
        String token = login(uid, uid + "-pw").string("access_token");
        Accounts.Account local = accounts.register();
        assertEquals(200, accounts.whoami(token).status());

        LDAP.server().modify("uid=" + uid + ",ou=people," + TestDirectory.BASE,
                new Modification(ModificationType.DELETE, "memberOf"));

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (accounts.whoami(token).status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertError(accounts.whoami(token), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(200, accounts.whoami(local.accessToken()).status());
    }

    @Test
    void localAccountsStillLogInAfterTheDirectory() {
        Accounts.Account local = accounts.register();

        assertEquals(200, login(local.localpart(), local.password()).status());
    }

    @Test
    void aDirectoryUserCannotChangeThePasswordThroughMatrix() {
        String uid = person("dir", true);
        String token = login(uid, uid + "-pw").string("access_token");

        JsonObject body = assertError(http.post("/_matrix/client/v3/account/password",
                Json.createObjectBuilder().add("new_password", "a brand new passphrase").build(), token), 403, "M_FORBIDDEN");
        assertEquals("Your password is managed by your organisation's directory (LDAP); change it there, not through Matrix",
                body.getString("error"));
        assertEquals(false, http.get("/_matrix/client/v3/capabilities", token).json()
                .getJsonObject("capabilities").getJsonObject("m.change_password").getBoolean("enabled"));
    }

    @Test
    void anAdminCannotResetTheDirectoryPasswordOfADirectoryUser() {
        String uid = person("dir", true);
        assertEquals(200, login(uid, uid + "-pw").status());
        String admin = new TokenAdminClient(http).newUser(true);

        JsonObject body = assertError(http.post("/_synapse/admin/v1/reset_password/" + Accounts.userId(uid),
                Json.createObjectBuilder().add("new_password", "an admin's choice 1").build(), admin), 403, "M_FORBIDDEN");
        assertEquals("The password of this user is managed by the organisation's directory (LDAP); change it there",
                body.getString("error"));
        assertEquals(200, login(uid, uid + "-pw").status());
    }

    @Test
    void aLocalUserStillSeesPasswordChangeOffered() {
        Accounts.Account local = accounts.register();

        assertEquals(true, http.get("/_matrix/client/v3/capabilities", local.accessToken()).json()
                .getJsonObject("capabilities").getJsonObject("m.change_password").getBoolean("enabled"));
    }

    @Test
    void aNameInTheDirectoryCannotBeRegistered() {
        String uid = person("taken", true);

        assertError(http.get("/_matrix/client/v3/register/available?username=" + uid), 400, "M_USER_IN_USE");
        assertError(http.post(Accounts.REGISTER, Accounts.registration(uid, Accounts.PASSWORD).build()), 400, "M_USER_IN_USE");
    }

    @Test
    void theUiaPasswordStageTakesTheDirectoryPassword() {
        String uid = person("uia", true);
        MatrixHttp.Reply session = login(uid, uid + "-pw");
        String token = session.string("access_token");
        String device = session.string("device_id");
        Reauth reauth = new Reauth(http);

        String uiaSession = Reauth.assertPasswordChallenge(reauth.deleteDevice(token, device, JsonObject.EMPTY_JSON_OBJECT));
        MatrixHttp.Reply done = reauth.deleteDevice(token, device, Json.createObjectBuilder()
                .add("auth", Reauth.passwordAuth(uiaSession, uid, uid + "-pw")).build());

        assertEquals(200, done.status(), done::text);
    }

    @Test
    void aStoppedDirectoryAnswers503WithRetryAfterThenRecovers() {
        String uid = person("outage", true);
        Accounts.Account local = accounts.register();
        LDAP.stop();
        try {
            MatrixHttp.Reply down = login(uid, uid + "-pw");
            assertError(down, 503, "M_UNKNOWN", "retry_after_ms");
            assertEquals("7", down.header("Retry-After"));
            assertError(login(local.localpart(), local.password()), 503, "M_UNKNOWN", "retry_after_ms");
            assertEquals(200, accounts.whoami(local.accessToken()).status());
        } finally {
            LDAP.start();
        }
        MatrixHttp.Reply back = login(uid, uid + "-pw");
        assertEquals(200, back.status(), back::text);
        assertNotNull(back.string("access_token"));
    }

    @Test
    void aLocalAccountOfANameTheDirectoryHasIsNeverTriedInstead() {
        Accounts.Account local = accounts.register();
        LDAP.addPersonNamed(local.localpart(), true);

        assertError(login(local.localpart(), local.password()), 403, "M_FORBIDDEN");
        LDAP.stop();
        try {
            MatrixHttp.Reply down = login(local.localpart(), local.password());
            assertError(down, 503, "M_UNKNOWN", "retry_after_ms");
            assertEquals("7", down.header("Retry-After"));
        } finally {
            LDAP.start();
        }
        MatrixHttp.Reply directory = login(local.localpart(), local.localpart() + "-pw");
        assertEquals(Accounts.userId(local.localpart()), directory.string("user_id"), directory::text);
    }

    @Test
    void aPersonDeletedFromTheDirectoryLosesTheirSessionsAtTheNextCheck() throws Exception {
        String uid = person("deleted", true);
        String token = login(uid, uid + "-pw").string("access_token");
        assertEquals(200, accounts.whoami(token).status());

        LDAP.server().delete(TestDirectory.dn(uid));

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (accounts.whoami(token).status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertError(accounts.whoami(token), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void auditLinesNameTheBackendThatAnswered() throws InterruptedException {
        ServerLog log = ServerLog.fromNow();
        String uid = person("audit", true);
        Accounts.Account local = accounts.register();
        String directoryUser = " user=" + Accounts.userId(uid) + " ";
        String localUser = " user=" + local.userId() + " ";

        assertEquals(200, login(uid, uid + "-pw").status());
        assertError(login(uid, "not-it"), 403, "M_FORBIDDEN");
        assertEquals(200, login(local.localpart(), local.password()).status());
        assertError(login(local.localpart(), "not-it"), 403, "M_FORBIDDEN");
        assertError(login(Accounts.randomLocalpart("nobody"), "not-it"), 403, "M_FORBIDDEN");
        LDAP.stop();
        try {
            assertError(login(uid, uid + "-pw"), 503, "M_UNKNOWN", "retry_after_ms");
        } finally {
            LDAP.start();
        }

        assertTrue(log.hasLineWith("event=password_verified", directoryUser, "backend=ldap"), log::added);
        assertTrue(log.hasLineWith("event=login_failed", directoryUser, "reason=wrong_password", "backend=ldap"), log::added);
        assertTrue(log.hasLineWith("event=login_failed", directoryUser, "reason=directory_", "backend=ldap"), log::added);
        assertTrue(log.hasLineWith("event=password_verified", localUser, "backend=local"), log::added);
        assertTrue(log.hasLineWith("event=login_failed", localUser, "reason=wrong_password", "backend=local"), log::added);
        assertTrue(log.hasLineWith("event=login_failed", "reason=unknown_user", "backend=none"), log::added);
    }
}
