package org.gatehouse.token;

import static org.gatehouse.token.TokenClient.assertUnknownToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.GatehouseDeployment;
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
 * Soft logout (spec: "Soft logout"): an expired access token is 401 {@code M_UNKNOWN_TOKEN} with
 * {@code soft_logout: true}, and the device survives — a refresh or a login with its
 * {@code device_id} resumes it. Time is moved with the test clock ({@link AdjustableClock}) that only
 * this deployment carries; refreshable access tokens live 300 s by default.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoftLogoutIT {

    private static final long PAST_ACCESS_TOKEN_LIFETIME_MS = 301_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war().addClasses(AdjustableClock.class, AdjustableClockResource.class);
    }

    @ArquillianResource
    private URL base;

    private TokenClient client;

    @BeforeEach
    void connect() {
        client = new TokenClient(base);
    }

    @Test
    void accessTokenWorksUntilItExpires() {
        Session session = client.register(true);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS - 11_000);
        client.assertWorks(session);
    }

    @Test
    void expiredAccessTokenIsASoftLogout() {
        Session session = client.register(true);
        client.assertWorks(session);

        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(session.accessToken()), true);
    }

    @Test
    void loggedOutTokenIsNotASoftLogoutOnceItHasAlsoExpired() {
        Session session = client.register(true);
        assertEquals(200, client.http.post(TokenClient.LOGOUT, JsonObject.EMPTY_JSON_OBJECT,
                session.accessToken()).status());

        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(session.accessToken()), false);
    }

    @Test
    void loginWithTheSameDeviceIdAfterSoftLogoutResumesTheDevice() {
        Session expired = client.register(true);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);
        assertUnknownToken(client.whoami(expired.accessToken()), true);

        Session resumed = client.login(expired.localpart(), expired.deviceId(), true);

        assertEquals(expired.deviceId(), resumed.deviceId());
        assertNotEquals(expired.accessToken(), resumed.accessToken());
        client.assertWorks(resumed);
    }

    @Test
    void loginWithTheSameDeviceIdRevokesTheExpiredToken() {
        Session expired = client.register(true);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        client.login(expired.localpart(), expired.deviceId(), true);

        client.assertRevoked(expired.accessToken());
        assertUnknownToken(client.refreshReply(expired.refreshToken()), false);
    }

    @Test
    void refreshAfterTheAccessTokenExpiredGivesAWorkingTokenOnTheSameDevice() {
        Session expired = client.register(true);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);
        assertUnknownToken(client.whoami(expired.accessToken()), true);

        JsonObject body = client.refresh(expired.refreshToken());

        TokenClient.assertDefaultLifetime(body);
        client.assertWorks(expired.refreshedWith(body));
    }

    @Test
    void refreshedAccessTokenExpiresInItsTurn() {
        Session first = client.register(true);
        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);
        Session second = first.refreshedWith(client.refresh(first.refreshToken()));
        client.assertWorks(second);

        client.advanceClock(PAST_ACCESS_TOKEN_LIFETIME_MS);

        assertUnknownToken(client.whoami(second.accessToken()), true);
    }

    @Test
    void accessTokenIssuedWithoutRefreshTokenDoesNotExpire() {
        Session session = client.register(false);
        client.advanceClock(30L * 24 * 3600 * 1000);
        client.assertWorks(session);
    }
}
