package org.gatehouse.token;

import static org.gatehouse.token.TokenClient.assertNotRefreshable;
import static org.gatehouse.token.TokenClient.assertRefreshable;
import static org.gatehouse.token.TokenClient.assertUnknownToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixAssertions;
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
 * Refresh tokens (spec: "Refreshing access tokens", {@code POST /refresh}): issuance at login and
 * registration, rotation on the same device, the idempotent retry before the new pair is used,
 * replay detection that revokes the device, and concurrent refreshes issuing one pair.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    private TokenClient client;

    @BeforeEach
    void connect() {
        client = new TokenClient(base);
    }

    @Test
    void registrationWithRefreshTokenReturnsRefreshTokenAndExpiry() {
        MatrixHttp.Reply reply = client.registerReply(TokenClient.randomLocalpart(), true);
        assertEquals(200, reply.status(), reply::text);
        assertRefreshable(reply.json());
    }

    @Test
    void loginWithRefreshTokenReturnsRefreshTokenAndExpiry() {
        Session registered = client.register(false);
        MatrixHttp.Reply reply = client.loginReply(registered.localpart(), null, true);
        assertEquals(200, reply.status(), reply::text);
        assertRefreshable(reply.json());
    }

    @Test
    void registrationWithoutRefreshTokenReturnsNeitherRefreshTokenNorExpiry() {
        MatrixHttp.Reply reply = client.registerReply(TokenClient.randomLocalpart(), false);
        assertEquals(200, reply.status(), reply::text);
        assertNotRefreshable(reply.json());
    }

    @Test
    void loginWithoutRefreshTokenReturnsNeitherRefreshTokenNorExpiry() {
        Session registered = client.register(false);
        MatrixHttp.Reply reply = client.loginReply(registered.localpart(), null, false);
        assertEquals(200, reply.status(), reply::text);
        assertNotRefreshable(reply.json());
    }

    @Test
    void refreshReturnsANewPairThatWorksOnTheSameDevice() {
        Session first = client.login(client.register(false).localpart(), null, true);
        JsonObject refreshed = client.refresh(first.refreshToken());
        Session second = first.refreshedWith(refreshed);
        assertNotEquals(first.accessToken(), second.accessToken());
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertTrue(second.refreshToken().startsWith("ghr_"), refreshed::toString);
        TokenClient.assertDefaultLifetime(refreshed);
        client.assertWorks(second);
    }

    @Test
    void refreshingAgainBeforeTheNewPairIsUsedReturnsTheSamePair() {
        Session first = client.register(true);
        JsonObject lost = client.refresh(first.refreshToken());
        JsonObject retried = client.refresh(first.refreshToken());
        assertEquals(lost.getString("access_token"), retried.getString("access_token"));
        assertEquals(lost.getString("refresh_token"), retried.getString("refresh_token"));
        client.assertWorks(first.refreshedWith(retried));
    }

    @Test
    void oldRefreshTokenAfterTheNewAccessTokenIsUsedIsAReplayThatRevokesTheDevice() {
        Session first = client.register(true);
        Session second = first.refreshedWith(client.refresh(first.refreshToken()));
        client.assertWorks(second);

        assertUnknownToken(client.refreshReply(first.refreshToken()), false);

        client.assertRevoked(second.accessToken());
        assertUnknownToken(client.refreshReply(second.refreshToken()), false);
    }

    @Test
    void oldRefreshTokenAfterTheNewRefreshTokenIsUsedIsAReplayThatRevokesTheDevice() {
        Session first = client.register(true);
        Session second = first.refreshedWith(client.refresh(first.refreshToken()));
        Session third = second.refreshedWith(client.refresh(second.refreshToken()));

        assertUnknownToken(client.refreshReply(first.refreshToken()), false);

        client.assertRevoked(third.accessToken());
        assertUnknownToken(client.refreshReply(third.refreshToken()), false);
    }

    @Test
    void oldAccessTokenStopsWorkingOnceTheNewAccessTokenIsUsed() {
        Session first = client.register(true);
        Session second = first.refreshedWith(client.refresh(first.refreshToken()));
        client.assertWorks(first);

        client.assertWorks(second);

        client.assertRevoked(first.accessToken());
    }

    @Test
    void oldAccessTokenStopsWorkingOnceTheNewRefreshTokenIsUsed() {
        Session first = client.register(true);
        Session second = first.refreshedWith(client.refresh(first.refreshToken()));

        Session third = second.refreshedWith(client.refresh(second.refreshToken()));

        client.assertRevoked(first.accessToken());
        client.assertWorks(third);
    }

    @Test
    void garbageRefreshTokenIsAnUnknownToken() {
        assertUnknownToken(client.refreshReply("not-a-refresh-token"), false);
    }

    @Test
    void refreshTokenWithOneCharacterChangedIsAnUnknownToken() {
        String token = client.register(true).refreshToken();
        int at = token.length() / 2;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertUnknownToken(client.refreshReply(forged), false);
    }

    @Test
    void refreshTokenOfALoggedOutDeviceIsAnUnknownToken() {
        Session session = client.register(true);
        MatrixHttp.Reply logout = client.http.post(TokenClient.LOGOUT, Json.createObjectBuilder().build(),
                session.accessToken());
        assertEquals(200, logout.status(), logout::text);
        assertUnknownToken(client.refreshReply(session.refreshToken()), false);
    }

    @Test
    void refreshWithoutRefreshTokenIsMissingParam() {
        MatrixAssertions.assertError(client.http.post(TokenClient.REFRESH, Json.createObjectBuilder().build()),
                400, "M_MISSING_PARAM");
    }

    @Test
    void concurrentRefreshesWithOneTokenIssueExactlyOnePair() throws Exception {
        Session first = client.register(true);
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MatrixHttp.Reply>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.refreshReply(first.refreshToken());
                }));
            }
            start.countDown();
            Set<String> pairs = new HashSet<>();
            JsonObject pair = null;
            List<String> others = new ArrayList<>();
            for (Future<MatrixHttp.Reply> future : futures) {
                MatrixHttp.Reply reply = future.get(120, TimeUnit.SECONDS);
                assertTrue(reply.status() < 500, reply::text);
                if (reply.status() == 200) {
                    pair = reply.json();
                    pairs.add(pair.getString("access_token") + " " + pair.getString("refresh_token"));
                } else {
                    others.add(reply.status() + " " + reply.text());
                }
            }
            assertEquals(1, pairs.size(), pairs::toString);
            assertTrue(others.isEmpty(), others::toString);
            client.assertWorks(first.refreshedWith(pair));
        } finally {
            pool.shutdownNow();
        }
    }
}
