package org.gatehouse.login;

import static org.gatehouse.testing.Accounts.LOGOUT;
import static org.gatehouse.testing.Accounts.LOGOUT_ALL;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code POST /logout} and {@code POST /logout/all} (spec: "Login", {@code logout.yaml}). */
class LogoutIT extends ClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void logoutAnswersAnEmptyObject() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
    }

    @Test
    void tokenIsUnknownAfterLogout() {
        Accounts.Account account = accounts.register();
        assertEquals(200, http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void logoutTwiceWithTheSameTokenIsUnknownToken() {
        Accounts.Account account = accounts.register();
        assertEquals(200, http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        var again = http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken());

        var body = assertError(again, 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(false, body.getBoolean("soft_logout"), body::toString);
    }

    @Test
    void logoutKeepsOtherDevicesTokens() {
        Accounts.Account account = accounts.register();
        Accounts.Account otherDevice = accounts.login(account);

        assertEquals(200, http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        accounts.assertTokenWorks(otherDevice);
    }

    @Test
    void logoutKeepsOtherUsersTokens() {
        Accounts.Account account = accounts.register();
        Accounts.Account otherUser = accounts.register();

        assertEquals(200, http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        accounts.assertTokenWorks(otherUser);
    }

    @Test
    void logoutAllAnswersAnEmptyObject() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGOUT_ALL, JsonObject.EMPTY_JSON_OBJECT, account.accessToken());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.json());
    }

    @Test
    void logoutAllRevokesEveryTokenOfTheUser() {
        Accounts.Account account = accounts.register();
        Accounts.Account second = accounts.login(account);
        Accounts.Account third = accounts.login(account);

        assertEquals(200, http.post(LOGOUT_ALL, JsonObject.EMPTY_JSON_OBJECT, second.accessToken()).status());

        accounts.assertTokenRevoked(account.accessToken());
        accounts.assertTokenRevoked(second.accessToken());
        accounts.assertTokenRevoked(third.accessToken());
    }

    @Test
    void logoutAllKeepsOtherUsersTokens() {
        Accounts.Account account = accounts.register();
        Accounts.Account otherUser = accounts.register();

        assertEquals(200, http.post(LOGOUT_ALL, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        accounts.assertTokenWorks(otherUser);
    }

    @Test
    void userCanLogInAgainAfterLogoutAll() {
        Accounts.Account account = accounts.register();
        assertEquals(200, http.post(LOGOUT_ALL, JsonObject.EMPTY_JSON_OBJECT, account.accessToken()).status());

        accounts.assertTokenWorks(accounts.login(account));
    }

    @Test
    void logoutWithoutTokenIsMissingToken() {
        assertError(http.post(LOGOUT, JsonObject.EMPTY_JSON_OBJECT), 401, "M_MISSING_TOKEN");
    }

    @Test
    void logoutAllWithoutTokenIsMissingToken() {
        assertError(http.post(LOGOUT_ALL, JsonObject.EMPTY_JSON_OBJECT), 401, "M_MISSING_TOKEN");
    }

    @Test
    void logoutWithEmptyBodySucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.send(HttpRequest.newBuilder(http.uri(LOGOUT))
                .header("Authorization", "Bearer " + account.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void logoutWithoutContentTypeSucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.send(HttpRequest.newBuilder(http.uri(LOGOUT))
                .header("Authorization", "Bearer " + account.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void logoutAllWithEmptyBodyAndNoContentTypeSucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.send(HttpRequest.newBuilder(http.uri(LOGOUT_ALL))
                .header("Authorization", "Bearer " + account.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(account.accessToken());
    }

    @Test
    void logoutWithTokenInQueryParameterSucceeds() {
        Accounts.Account account = accounts.register();

        var reply = http.post(LOGOUT + "?access_token=" + account.accessToken(), Json.createObjectBuilder().build());

        assertEquals(200, reply.status(), reply::text);
        accounts.assertTokenRevoked(account.accessToken());
    }
}
