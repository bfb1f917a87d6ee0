package org.gatehouse.credential.ldap;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Failed directory binds count towards the failed-password limit ({@code login.failed-attempts},
 * spec: "Rate limiting"): Gatehouse with {@code local,ldap} (the local passwords asked first, as
 * the benchmark runs it; DirectoryLoginIT has {@code ldap,local}) against the UnboundID in-memory
 * directory, rate limits on, and two failed attempts per account before 429
 * {@code M_LIMIT_EXCEEDED} (one back every 1000 s, so no test waits for a refill). Every other
 * limit is wide, since all requests come from this machine's address. Each test adds its own
 * people.
 */
class DirectoryFailedPasswordLimitIT extends ClientIT {

    private static final TestDirectory LDAP = new TestDirectory();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("gatehouse.password-backends", "local,ldap");
        settings.put("gatehouse.ldap.uris", LDAP.uri());
        settings.put("gatehouse.ldap.bind-dn", TestDirectory.SERVICE_DN);
        settings.put("gatehouse.ldap.bind-password", "service-pw");
        settings.put("gatehouse.ldap.base", TestDirectory.BASE);
        settings.put("gatehouse.ldap.filter", "(objectClass=inetOrgPerson)");
        settings.put("gatehouse.ldap.required-filter", TestDirectory.GROUP_FILTER);
        settings.put("gatehouse.ldap.active-directory.netbios-domain", "CORP");
        settings.put("gatehouse.ldap.active-directory.upn-attribute", "userPrincipalName");
        settings.put("gatehouse.ldap.connect-timeout-ms", "1000");
        settings.put("gatehouse.ldap.response-timeout-ms", "2000");
        settings.put("gatehouse.rate-limits.enabled", "true");
        settings.put("gatehouse.rate-limits.login.failed-attempts.per-second", "0.001");
        settings.put("gatehouse.rate-limits.login.failed-attempts.burst", "2");
        for (String wide : new String[] {"login.address", "login.account", "registration", "unauthenticated-sessions"}) {
            settings.put("gatehouse.rate-limits." + wide + ".per-second", "100");
            settings.put("gatehouse.rate-limits." + wide + ".burst", "1000");
        }
        return GatehouseDeployment.war(settings);
    }

    @AfterAll
    static void stopDirectory() {
        LDAP.close();
    }

    private MatrixHttp.Reply login(String user, String password) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(user, password).build());
    }

    private MatrixHttp.Reply loginByEmail(String address, String password) {
        return http.post(Accounts.LOGIN, Accounts.emailPasswordLogin(address, password).build());
    }

    @Test
    void twoWrongDirectoryPasswordsLockTheRightOneOut() {
        String uid = LDAP.addPerson("bind", true);
        assertError(login(uid, "wrong 1"), 403, "M_FORBIDDEN");
        assertError(login(uid, "wrong 2"), 403, "M_FORBIDDEN");

        assertError(login(uid, uid + "-pw"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void wrongPasswordsUnderEveryNameOfOnePersonShareOneBucket() {
        String uid = LDAP.addPerson("names", true);
        assertError(login("CORP\\" + uid, "wrong 1"), 403, "M_FORBIDDEN");
        assertError(login(uid + "@corp.example.org", "wrong 2"), 403, "M_FORBIDDEN");

        assertError(loginByEmail(uid + "@example.org", uid + "-pw"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        assertError(login(uid, uid + "-pw"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void aNewNameFormCannotTellARightPasswordFromAWrongOneOnceTheAccountIsLocked() {
        String uid = LDAP.addPerson("oracle", true);
        assertError(login(uid, "wrong 1"), 403, "M_FORBIDDEN");
        assertError(login(uid, "wrong 2"), 403, "M_FORBIDDEN");

        assertError(login("CORP\\" + uid, "wrong 3"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
        assertError(login("CORP\\" + uid, uid + "-pw"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void failedPasswordStagesOfADirectoryUserCountTowardsLogin() {
        String uid = LDAP.addPerson("uia", true);
        MatrixHttp.Reply session = login(uid, uid + "-pw");
        assertEquals(200, session.status(), session::text);
        String token = session.string("access_token");
        String device = session.string("device_id");
        Reauth reauth = new Reauth(http);
        String uiaSession = Reauth.assertPasswordChallenge(reauth.deleteDevice(token, device, JsonObject.EMPTY_JSON_OBJECT));
        for (String wrong : new String[] {"wrong 1", "wrong 2"}) {
            MatrixHttp.Reply refused = reauth.deleteDevice(token, device, Json.createObjectBuilder()
                    .add("auth", Reauth.passwordAuth(uiaSession, uid, wrong)).build());
            assertEquals(401, refused.status(), refused::text);
        }

        assertError(login(uid, uid + "-pw"), 429, "M_LIMIT_EXCEEDED", "retry_after_ms");
    }

    @Test
    void aDirectoryThatDoesNotAnswerTakesNothingFromTheBucket() {
        String uid = LDAP.addPerson("outage", true);
        LDAP.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertError(login(uid, "wrong " + i), 503, "M_UNKNOWN", "retry_after_ms");
            }
        } finally {
            LDAP.start();
        }

        MatrixHttp.Reply back = login(uid, uid + "-pw");
        assertEquals(200, back.status(), back::text);
    }

    @Test
    void withLocalPasswordsAskedFirstTheDirectoryStillDecidesForItsUsersLaterLogins() {
        String uid = LDAP.addPerson("again", true);
        assertEquals(200, login(uid, uid + "-pw").status());

        MatrixHttp.Reply again = login(uid, uid + "-pw");
        assertEquals(200, again.status(), again::text);
        LDAP.stop();
        try {
            assertError(login(uid, uid + "-pw"), 503, "M_UNKNOWN", "retry_after_ms");
        } finally {
            LDAP.start();
        }
    }
}
