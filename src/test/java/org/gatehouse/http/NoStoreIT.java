package org.gatehouse.http;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.dummyAuth;
import static org.gatehouse.testing.Accounts.passwordLogin;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Every response that carries a token (access, refresh or login token) tells caches not to keep
 * it: {@code Cache-Control: no-store} on {@code /login}, {@code /register}, {@code /refresh},
 * {@code /login/get_token} and shared-secret registration (RFC 9111 §5.2.2.5; the spec's
 * "Security considerations" of access tokens).
 */
class NoStoreIT extends ClientIT {

    private static final String REFRESH = "/_matrix/client/v3/refresh";
    private static final String GET_TOKEN = "/_matrix/client/v1/login/get_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void loginResponseIsNotStored() {
        Accounts.Account account = accounts.register();

        MatrixHttp.Reply reply = http.post(LOGIN, passwordLogin(account.localpart(), PASSWORD).build());

        assertNoStore(reply, "access_token");
    }

    @Test
    void registrationResponseIsNotStored() {
        JsonObject body = registration(Accounts.randomLocalpart("nostore"), PASSWORD).build();
        String session = accounts.startRegistration(body);

        MatrixHttp.Reply reply = http.post(REGISTER, withAuth(body, dummyAuth(session)));

        assertNoStore(reply, "access_token");
    }

    @Test
    void refreshResponseIsNotStored() {
        JsonObject body = Json.createObjectBuilder(registration(Accounts.randomLocalpart("nostore"), PASSWORD).build())
                .add("refresh_token", true).build();
        String session = accounts.startRegistration(body);
        MatrixHttp.Reply registered = http.post(REGISTER, withAuth(body, dummyAuth(session)));
        assertEquals(200, registered.status(), registered::text);

        MatrixHttp.Reply reply = http.post(REFRESH,
                Json.createObjectBuilder().add("refresh_token", registered.string("refresh_token")).build());

        assertNoStore(reply, "refresh_token");
    }

    @Test
    void loginTokenResponseIsNotStored() {
        Accounts.Account account = accounts.register();
        MatrixHttp.Reply challenge = http.post(GET_TOKEN, JsonObject.EMPTY_JSON_OBJECT, account.accessToken());
        String session = Reauth.assertPasswordChallenge(challenge);

        MatrixHttp.Reply reply = http.post(GET_TOKEN, Reauth.withPassword(JsonObject.EMPTY_JSON_OBJECT, session, account),
                account.accessToken());

        assertNoStore(reply, "login_token");
    }

    @Test
    void sharedSecretRegistrationResponseIsNotStored() {
        MatrixHttp.Reply reply = new TokenAdminClient(http)
                .sharedSecretRegister(Accounts.randomLocalpart("nostore"), false, null);

        assertNoStore(reply, "access_token");
    }

    /** Asserts a 200 carrying {@code tokenField} with {@code Cache-Control: no-store}. */
    private static void assertNoStore(MatrixHttp.Reply reply, String tokenField) {
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.json().containsKey(tokenField), reply::text);
        assertEquals("no-store", reply.header("Cache-Control"), () -> String.valueOf(reply.raw().headers().map()));
    }
}
