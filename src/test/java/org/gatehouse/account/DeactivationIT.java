package org.gatehouse.account;

import static org.gatehouse.device.Reauth.DEACTIVATE;
import static org.gatehouse.device.Reauth.assertPasswordChallenge;
import static org.gatehouse.device.Reauth.assertPasswordFlows;
import static org.gatehouse.device.Reauth.passwordAuth;
import static org.gatehouse.device.Reauth.withPassword;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code POST /account/deactivate} (spec: "Account deactivation", {@code account_deactivation.yaml}). */
class DeactivationIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    /** Deactivates through the whole dance as {@code account}; returns the 200 answer. */
    private MatrixHttp.Reply deactivate(Account account, JsonObject body) {
        String session = assertPasswordChallenge(http.post(DEACTIVATE, body, account.accessToken()));
        var done = http.post(DEACTIVATE, withPassword(body, session, account), account.accessToken());
        assertEquals(200, done.status(), done::text);
        return done;
    }

    private MatrixHttp.Reply login(Account account) {
        return http.post(Accounts.LOGIN, Accounts.passwordLogin(account.localpart(), account.password()).build());
    }

    @Test
    void deactivateWithoutAuthIsChallengedForThePassword() {
        Account account = accounts.register();

        assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()));
        accounts.assertTokenWorks(account);
    }

    @Test
    void deactivationAnswersThatNothingNeededUnbinding() {
        Account account = accounts.register();

        var reply = deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        assertEquals(Json.createObjectBuilder().add("id_server_unbind_result", "success").build(), reply.json());
    }

    @Test
    void deactivationWithEraseAndIdServerSucceeds() {
        Account account = accounts.register();

        var reply = deactivate(account, Json.createObjectBuilder().add("erase", true).add("id_server", "example.org").build());

        assertEquals(Json.createObjectBuilder().add("id_server_unbind_result", "success").build(), reply.json());
    }

    @Test
    void everyTokenOfTheUserIsUnknownAfterwards() {
        Account account = accounts.register();
        Account other = accounts.login(account);

        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        accounts.assertTokenRevoked(account.accessToken());
        accounts.assertTokenRevoked(other.accessToken());
    }

    @Test
    void loginWithTheRightPasswordIsDeactivated() {
        Account account = accounts.register();

        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        assertError(login(account), 403, "M_USER_DEACTIVATED");
    }

    @Test
    void theUsernameCannotBeRegisteredAgain() {
        Account account = accounts.register();
        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.post(Accounts.REGISTER, Accounts.registration(account.localpart(), Accounts.PASSWORD).build());

        assertError(reply, 400, "M_USER_IN_USE");
    }

    @Test
    void theUsernameIsNotAvailableAgain() {
        Account account = accounts.register();
        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        var reply = http.get(Accounts.REGISTER + "/available?username=" + account.localpart());

        assertError(reply, 400, "M_USER_IN_USE");
    }

    @Test
    void otherUsersAreNotAffected() {
        Account account = accounts.register();
        Account stranger = accounts.register();

        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);

        accounts.assertTokenWorks(stranger);
    }

    @Test
    void wrongPasswordIsAFailedAttemptWithTheFlows() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()));

        var reply = http.post(DEACTIVATE, Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT,
                passwordAuth(session, account.localpart(), "wrong password")), account.accessToken());

        assertPasswordFlows(assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session"));
        accounts.assertTokenWorks(account);
    }

    @Test
    void anotherUsersCredentialsAreForbidden() {
        Account account = accounts.register();
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()));

        var reply = http.post(DEACTIVATE, Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT,
                passwordAuth(session, stranger.localpart(), stranger.password())), account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(account);
        accounts.assertTokenWorks(stranger);
    }

    @Test
    void aSessionStartedWithoutEraseCannotErase() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()));

        var reply = http.post(DEACTIVATE, withPassword(Json.createObjectBuilder().add("erase", true).build(), session,
                account), account.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(account);
    }

    @Test
    void aCompletedSessionCannotBeReplayedWithAnotherUsersToken() {
        Account account = accounts.register();
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()));
        JsonObject authenticated = withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account);
        assertEquals(200, http.post(DEACTIVATE, authenticated, account.accessToken()).status());

        var reply = http.post(DEACTIVATE, authenticated, stranger.accessToken());

        assertError(reply, 403, "M_FORBIDDEN");
        accounts.assertTokenWorks(stranger);
    }

    @Test
    void deactivateWithoutTokenIsChallengedForThePassword() {
        assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT));
    }

    @Test
    void deactivateWithoutTokenDeactivatesTheUserThePasswordProves() {
        Account account = accounts.register();
        Account stranger = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT));

        var reply = http.post(DEACTIVATE, withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account));

        assertEquals(200, reply.status(), reply::text);
        assertEquals(Json.createObjectBuilder().add("id_server_unbind_result", "success").build(), reply.json());
        accounts.assertTokenRevoked(account.accessToken());
        assertError(login(account), 403, "M_USER_DEACTIVATED");
        accounts.assertTokenWorks(stranger);
    }

    @Test
    void deactivateWithoutTokenAndAWrongPasswordIsAFailedAttempt() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT));

        var reply = http.post(DEACTIVATE, Accounts.withAuth(JsonObject.EMPTY_JSON_OBJECT,
                passwordAuth(session, account.localpart(), "wrong password")));

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertEquals("Invalid password", body.getString("error"));
        assertPasswordFlows(body);
        accounts.assertTokenWorks(account);
    }

    @Test
    void deactivateWithoutTokenForADeactivatedAccountIsAFailedAttempt() {
        Account account = accounts.register();
        deactivate(account, JsonObject.EMPTY_JSON_OBJECT);
        String session = assertPasswordChallenge(http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT));

        var reply = http.post(DEACTIVATE, withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account));

        JsonObject body = assertError(reply, 401, "M_FORBIDDEN", "flows", "params", "session");
        assertEquals("Invalid password", body.getString("error"));
    }

    @Test
    void aLaterStageWithOnlyAuthDeactivatesAsTheSessionWasStarted() {
        Account account = accounts.register();
        String session = assertPasswordChallenge(http.post(DEACTIVATE,
                Json.createObjectBuilder().add("erase", true).build(), account.accessToken()));

        var reply = http.post(DEACTIVATE, Json.createObjectBuilder()
                .add("auth", passwordAuth(session, account.localpart(), account.password())).build(), account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertError(login(account), 403, "M_USER_DEACTIVATED");
    }

    @Test
    void deactivateWithNonBooleanEraseIsBadJson() {
        Account account = accounts.register();

        var reply = http.post(DEACTIVATE, Json.createObjectBuilder().add("erase", "yes").build(), account.accessToken());

        assertError(reply, 400, "M_BAD_JSON");
    }
}
