package org.gatehouse.register;

import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.dummyAuth;
import static org.gatehouse.testing.Accounts.randomLocalpart;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.userId;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Set;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Registration through User-Interactive Authentication as real clients drive it (spec: "Account
 * registration", "User-Interactive Authentication API"; MSC2907): Element Web opens with
 * {@code {}} or {@code {"auth": {}}} and sends the parameters with a later stage; older mobile
 * clients send the parameters once and later stages carry only {@code auth}. The session is bound
 * to {@code POST /register} only; the latest parameters sent are used, the password only as the
 * hash the session holds.
 */
class RegistrationSessionIT extends ClientIT {

    private static final String AVAILABLE = "/_matrix/client/v3/register/available?username=";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    /** Opens a registration with {@code body} and returns the session of the 401 challenge. */
    private String open(JsonObject body) {
        MatrixHttp.Reply challenge = http.post(REGISTER, body);
        assertEquals(401, challenge.status(), challenge::text);
        assertEquals(Set.of("flows", "params", "session"), challenge.json().keySet(), challenge::text);
        return challenge.string("session");
    }

    private static JsonObject onlyAuth(JsonObject auth) {
        return Json.createObjectBuilder().add("auth", auth).build();
    }

    private MatrixHttp.Reply login(String localpart, String password) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(localpart, password).build());
    }

    @Test
    void parametersSentFirstWithTheSessionOfAnEmptyRequestRegister() {
        String session = open(JsonObject.EMPTY_JSON_OBJECT);
        String localpart = randomLocalpart("element");

        var reply = http.post(REGISTER, withAuth(registration(localpart, PASSWORD)
                .add("initial_device_display_name", "Element Web").build(), dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
        assertEquals(200, login(localpart, PASSWORD).status());
    }

    @Test
    void parametersSentFirstWithTheSessionOfAnEmptyAuthRegister() {
        String session = open(onlyAuth(JsonObject.EMPTY_JSON_OBJECT));
        String localpart = randomLocalpart("emptyauth");

        var reply = http.post(REGISTER, withAuth(registration(localpart, PASSWORD).build(), dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
    }

    @Test
    void aLaterStageWithOnlyAuthUsesTheParametersSentFirst() {
        String localpart = randomLocalpart("mobile");
        String session = open(registration(localpart, PASSWORD).add("initial_device_display_name", "Old phone")
                .add("device_id", "OLDPHONE").build());

        var reply = http.post(REGISTER, onlyAuth(dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
        assertEquals("OLDPHONE", reply.string("device_id"));
        var device = http.get("/_matrix/client/v3/devices/OLDPHONE", reply.string("access_token"));
        assertEquals("Old phone", device.string("display_name"), device::text);
        assertEquals(200, login(localpart, PASSWORD).status());
    }

    @Test
    void inhibitLoginSentFirstIsHonouredWhenALaterStageHasOnlyAuth() {
        String localpart = randomLocalpart("inhibit");
        String session = open(registration(localpart, PASSWORD).add("inhibit_login", true).build());

        var reply = http.post(REGISTER, onlyAuth(dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("user_id", userId(localpart)).build(), reply.json());
    }

    @Test
    void theLatestParametersSentReplaceEarlierOnes() {
        String first = randomLocalpart("first");
        String latest = randomLocalpart("latest");
        String session = open(registration(first, PASSWORD).add("inhibit_login", true).build());

        var reply = http.post(REGISTER, withAuth(Json.createObjectBuilder().add("username", latest).build(),
                dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(latest), reply.string("user_id"));
        assertEquals(Set.of("user_id", "access_token", "device_id"), reply.json().keySet(), reply::text);
        assertEquals(200, http.get(AVAILABLE + first).status());
        assertEquals(200, login(latest, PASSWORD).status());
    }

    @Test
    void aPasswordSentLaterReplacesTheEarlierOne() {
        String localpart = randomLocalpart("repass");
        String later = "another passphrase entirely";
        String session = open(registration(localpart, PASSWORD).build());

        var reply = http.post(REGISTER, withAuth(Json.createObjectBuilder().add("password", later).build(),
                dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
        assertEquals(200, login(localpart, later).status());
        assertError(login(localpart, PASSWORD), 403, "M_FORBIDDEN");
    }

    @Test
    void theSamePasswordSentWithEveryStageRegisters() {
        String localpart = randomLocalpart("same");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = open(body);

        var reply = http.post(REGISTER, withAuth(body, dummyAuth(session)));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(200, login(localpart, PASSWORD).status());
    }

    @Test
    void completingWithoutAPasswordEverSentIsMissingParam() {
        String localpart = randomLocalpart("nopass");
        String session = open(JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post(REGISTER, withAuth(Json.createObjectBuilder().add("username", localpart).build(),
                dummyAuth(session)));

        JsonObject body = assertError(reply, 400, "M_MISSING_PARAM");
        assertEquals("Missing parameter: password", body.getString("error"));
        assertEquals(200, http.get(AVAILABLE + localpart).status());
    }

    @Test
    void aTakenUsernameIsRefusedWhenItArrivesInALaterStage() {
        Accounts.Account existing = accounts.register();
        String session = open(JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post(REGISTER, withAuth(registration(existing.localpart(), PASSWORD).build(),
                dummyAuth(session)));

        JsonObject body = assertError(reply, 400, "M_USER_IN_USE");
        assertEquals("User ID already taken", body.getString("error"));
    }

    @Test
    void anInvalidUsernameIsRefusedWhenItArrivesInALaterStage() {
        String session = open(JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post(REGISTER, withAuth(registration("bad name!", PASSWORD).build(), dummyAuth(session)));

        assertError(reply, 400, "M_INVALID_USERNAME");
    }

    @Test
    void aUsernameTakenMeanwhileIsRefusedAtCompletion() {
        String localpart = randomLocalpart("meanwhile");
        String session = open(registration(localpart, PASSWORD).build());
        accounts.register(localpart);

        var reply = http.post(REGISTER, onlyAuth(dummyAuth(session)));

        JsonObject body = assertError(reply, 400, "M_USER_IN_USE");
        assertEquals("User ID already taken", body.getString("error"));
    }

    @Test
    void aWeakPasswordIsRefusedWhenItArrivesInALaterStage() {
        String session = open(JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post(REGISTER, withAuth(registration(randomLocalpart("weak"), "short").build(),
                dummyAuth(session)));

        assertError(reply, 400, "M_WEAK_PASSWORD");
    }

    @Test
    void aRegistrationSessionCannotAuthenticateAnotherEndpoint() {
        Accounts.Account account = accounts.register();
        String session = open(JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post("/_matrix/client/v3/account/deactivate", onlyAuth(dummyAuth(session)),
                account.accessToken());

        JsonObject body = assertError(reply, 403, "M_FORBIDDEN");
        assertEquals("Requested operation has changed during the UI authentication session", body.getString("error"));
        accounts.assertTokenWorks(account);
    }

    @Test
    void aCompletedSessionResubmittedWithOnlyAuthReturnsTheSameUser() {
        String localpart = randomLocalpart("replay");
        String session = open(JsonObject.EMPTY_JSON_OBJECT);
        var first = http.post(REGISTER, withAuth(registration(localpart, PASSWORD).build(), dummyAuth(session)));
        assertEquals(200, first.status(), first::text);

        var again = http.post(REGISTER, onlyAuth(dummyAuth(session)));

        assertEquals(200, again.status(), again::text);
        assertEquals(userId(localpart), again.string("user_id"));
    }
}
