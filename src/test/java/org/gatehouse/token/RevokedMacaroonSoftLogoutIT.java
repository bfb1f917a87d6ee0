package org.gatehouse.token;

import static org.gatehouse.device.Reauth.DEACTIVATE;
import static org.gatehouse.device.Reauth.assertPasswordChallenge;
import static org.gatehouse.device.Reauth.passwordAuth;
import static org.gatehouse.token.TokenClient.PASSWORD;
import static org.gatehouse.token.TokenClient.assertUnknownToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.gatehouse.token.TokenClient.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A revoked access token is never a soft logout (spec: "Soft logout": {@code soft_logout: true}
 * only tells the client that its session can be resumed): a macaroon access token whose session was
 * logged out, whose device was deleted or whose account was deactivated answers
 * {@code soft_logout: false} even once its own {@code time <} caveat has passed as well, while an
 * expired macaroon of a live session still answers {@code soft_logout: true}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RevokedMacaroonSoftLogoutIT {

    private static final long PAST_ACCESS_TOKEN_LIFETIME_MS = 301_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of("gatehouse.tokens.format", "macaroon"))
                .addClasses(AdjustableClock.class, AdjustableClockResource.class);
    }

    @ArquillianResource
    private URL base;

    private TokenClient client;
    private Reauth reauth;

    @BeforeEach
    void connect() {
        client = new TokenClient(base);
        reauth = new Reauth(client.http);
    }

    @Test
    void expiredMacaroonOfALiveSessionIsASoftLogout() {
        Session session = registerWithMacaroon();
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(session.accessToken()), true);
    }

    @Test
    void loggedOutMacaroonIsNotASoftLogoutOnceExpired() {
        Session session = registerWithMacaroon();
        assertEquals(200, client.http.post(TokenClient.LOGOUT, JsonObject.EMPTY_JSON_OBJECT, session.accessToken()).status());
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(session.accessToken()), false);
    }

    @Test
    void macaroonOfADeletedDeviceIsNotASoftLogoutOnceExpired() {
        Session doomed = registerWithMacaroon();
        Session other = client.login(doomed.localpart(), null, false);
        String uiaSession = assertPasswordChallenge(
                reauth.deleteDevice(other.accessToken(), doomed.deviceId(), JsonObject.EMPTY_JSON_OBJECT));
        MatrixHttp.Reply deleted = reauth.deleteDevice(other.accessToken(), doomed.deviceId(),
                Json.createObjectBuilder().add("auth", passwordAuth(uiaSession, doomed.localpart(), PASSWORD)).build());
        assertEquals(200, deleted.status(), deleted::text);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(doomed.accessToken()), false);
    }

    @Test
    void macaroonOfADeactivatedAccountIsNotASoftLogoutOnceExpired() {
        Session session = registerWithMacaroon();
        String uiaSession = assertPasswordChallenge(
                client.http.post(DEACTIVATE, JsonObject.EMPTY_JSON_OBJECT, session.accessToken()));
        MatrixHttp.Reply deactivated = client.http.post(DEACTIVATE, Json.createObjectBuilder()
                .add("auth", passwordAuth(uiaSession, session.localpart(), PASSWORD)).build(), session.accessToken());
        assertEquals(200, deactivated.status(), deactivated::text);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(session.accessToken()), false);
    }

    /** A new user whose refreshable access token is a macaroon, checked to work. */
    private Session registerWithMacaroon() {
        Session session = client.register(true);
        assertTrue(session.accessToken().startsWith("MDA"), session::accessToken);
        client.assertWorks(session);
        return session;
    }
}
