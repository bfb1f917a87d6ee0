package org.gatehouse.register;

import static org.gatehouse.testing.Accounts.PASSWORD;
import static org.gatehouse.testing.Accounts.REGISTER;
import static org.gatehouse.testing.Accounts.randomLocalpart;
import static org.gatehouse.testing.Accounts.registration;
import static org.gatehouse.testing.Accounts.userId;
import static org.gatehouse.testing.Accounts.withAuth;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.Concurrently;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registration that requires {@code m.login.registration_token} and {@code m.login.terms} (spec:
 * "Token-authenticated registration", "Terms of service at registration"), the token counts as
 * Synapse keeps them, and the validity endpoint. The deployment carries the test clock
 * ({@link AdjustableClock}) to expire tokens and sessions; the tests that move it only move it
 * forward by less than an hour in total, so the other tests' tokens stay valid.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationTokenIT {

    private static final String TOKEN_STAGE = "m.login.registration_token";
    private static final String TERMS_STAGE = "m.login.terms";
    private static final String VALIDITY = "/_matrix/client/v1/register/m.login.registration_token/validity";
    private static final String TOS_URL = "https://example.org/terms-1.2-en.html";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of(
                        "gatehouse.registration.flows", TOKEN_STAGE + "," + TERMS_STAGE,
                        "gatehouse.registration.terms.policies", "terms_of_service",
                        "gatehouse.registration.terms.terms_of_service.version", "1.2",
                        "gatehouse.registration.terms.terms_of_service.en.name", "Terms of Service",
                        "gatehouse.registration.terms.terms_of_service.en.url", TOS_URL))
                .addClasses(AdjustableClock.class, AdjustableClockResource.class);
    }

    @ArquillianResource
    private URL base;

    /** How far this class has moved the server's clock, so that expiry times can be set ahead of it. */
    private static long clockOffsetMs;

    private MatrixHttp http;
    private TokenAdminClient admin;
    private String adminToken;

    @BeforeEach
    void client() {
        http = new MatrixHttp(base);
        admin = new TokenAdminClient(http);
        adminToken = admin.newUser(true);
    }

    private static JsonObject tokenAuth(String session, String token) {
        return Json.createObjectBuilder().add("type", TOKEN_STAGE).add("session", session).add("token", token).build();
    }

    private static JsonObject termsAuth(String session) {
        return Json.createObjectBuilder().add("type", TERMS_STAGE).add("session", session).build();
    }

    private String startSession(JsonObject body) {
        MatrixHttp.Reply challenge = http.post(REGISTER, body);
        assertEquals(401, challenge.status(), challenge::text);
        return challenge.string("session");
    }

    private void advanceClock(long ms) {
        http.advanceTestClock(ms);
        clockOffsetMs += ms;
    }

    private void assertCounts(String token, long pending, long completed) {
        JsonObject info = admin.token(adminToken, token);
        assertEquals(pending, info.getJsonNumber("pending").longValue(), info::toString);
        assertEquals(completed, info.getJsonNumber("completed").longValue(), info::toString);
    }

    private boolean valid(String token) {
        MatrixHttp.Reply reply = http.get(VALIDITY + "?token=" + token);
        assertEquals(200, reply.status(), reply::text);
        assertEquals(Set.of("valid"), reply.json().keySet());
        return reply.json().getBoolean("valid");
    }

    /** Asserts a failed token attempt: 401 with the UIA fields, M_UNAUTHORIZED and no stage completed. */
    private static void assertInvalidToken(MatrixHttp.Reply reply, String session) {
        assertEquals(401, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(Set.of("errcode", "error", "flows", "params", "session"), body.keySet(), body::toString);
        assertEquals("M_UNAUTHORIZED", body.getString("errcode"));
        assertEquals("Invalid registration token", body.getString("error"));
        assertEquals(session, body.getString("session"));
    }

    @Test
    void challengeOffersTheTokenAndTermsFlowWithThePolicies() {
        MatrixHttp.Reply reply = http.post(REGISTER, registration(randomLocalpart("challenge"), PASSWORD).build());

        assertEquals(401, reply.status(), reply::text);
        JsonObject body = reply.json();
        assertEquals(Set.of("flows", "params", "session"), body.keySet(), body::toString);
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("stages", Json.createArrayBuilder().add(TOKEN_STAGE).add(TERMS_STAGE))).build(),
                body.getJsonArray("flows"));
        assertEquals(Json.createObjectBuilder().add(TERMS_STAGE, Json.createObjectBuilder()
                .add("policies", Json.createObjectBuilder().add("terms_of_service", Json.createObjectBuilder()
                        .add("version", "1.2")
                        .add("en", Json.createObjectBuilder().add("name", "Terms of Service").add("url", TOS_URL)))))
                .build(), body.getJsonObject("params"));
    }

    @Test
    void validTokenAndAcceptedTermsRegister() {
        String token = admin.createToken(adminToken, 1L);
        String localpart = randomLocalpart("tokened");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = startSession(body);

        MatrixHttp.Reply afterToken = http.post(REGISTER, withAuth(body, tokenAuth(session, token)));
        assertEquals(401, afterToken.status(), afterToken::text);
        assertEquals(Json.createArrayBuilder().add(TOKEN_STAGE).build(), afterToken.json().getJsonArray("completed"));
        MatrixHttp.Reply done = http.post(REGISTER, withAuth(body, termsAuth(session)));

        assertEquals(200, done.status(), done::text);
        assertEquals(userId(localpart), done.string("user_id"));
    }

    @Test
    void termsStageCompletesWithJustTypeAndSession() {
        String token = admin.createToken(adminToken, 1L);
        String localpart = randomLocalpart("terms");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = startSession(body);
        assertEquals(401, http.post(REGISTER, withAuth(body, tokenAuth(session, token))).status());

        MatrixHttp.Reply reply = http.post(REGISTER, Json.createObjectBuilder().add("auth", termsAuth(session)).build());

        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId(localpart), reply.string("user_id"));
    }

    @Test
    void termsBeforeTheTokenAreOutOfTheFlowsOrder() {
        JsonObject body = registration(randomLocalpart("order"), PASSWORD).build();
        String session = startSession(body);

        MatrixHttp.Reply reply = http.post(REGISTER, withAuth(body, termsAuth(session)));

        assertEquals(401, reply.status(), reply::text);
        JsonObject json = reply.json();
        assertEquals(Set.of("errcode", "error", "flows", "params", "session"), json.keySet(), json::toString);
        assertEquals("M_UNAUTHORIZED", json.getString("errcode"));
        assertEquals("Authentication stage m.login.terms is out of the order of every flow that contains the stages completed so far",
                json.getString("error"));
        assertEquals(session, json.getString("session"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("stages", Json.createArrayBuilder().add(TOKEN_STAGE).add(TERMS_STAGE))).build(),
                json.getJsonArray("flows"));
    }

    @Test
    void theTokenAfterStagesOutOfOrderStillCompletesTheFlow() {
        String token = admin.createToken(adminToken, 1L);
        String localpart = randomLocalpart("reorder");
        JsonObject body = registration(localpart, PASSWORD).build();
        String session = startSession(body);
        assertEquals(401, http.post(REGISTER, withAuth(body, termsAuth(session))).status());

        MatrixHttp.Reply afterToken = http.post(REGISTER, withAuth(body, tokenAuth(session, token)));
        assertEquals(Json.createArrayBuilder().add(TOKEN_STAGE).build(), afterToken.json().getJsonArray("completed"),
                afterToken::text);
        MatrixHttp.Reply done = http.post(REGISTER, withAuth(body, termsAuth(session)));

        assertEquals(200, done.status(), done::text);
        assertEquals(userId(localpart), done.string("user_id"));
    }

    @Test
    void tokenUseIsPendingUntilRegistrationThenCompleted() {
        String token = admin.createToken(adminToken, null);
        JsonObject body = registration(randomLocalpart("counted"), PASSWORD).build();
        String session = startSession(body);

        http.post(REGISTER, withAuth(body, tokenAuth(session, token)));
        assertCounts(token, 1, 0);
        MatrixHttp.Reply done = http.post(REGISTER, withAuth(body, termsAuth(session)));

        assertEquals(200, done.status(), done::text);
        assertCounts(token, 0, 1);
    }

    @Test
    void resubmittingAFinishedRegistrationCountsItOnce() {
        String token = admin.createToken(adminToken, null);
        JsonObject body = registration(randomLocalpart("replayed"), PASSWORD).build();
        String session = startSession(body);
        http.post(REGISTER, withAuth(body, tokenAuth(session, token)));
        assertEquals(200, http.post(REGISTER, withAuth(body, termsAuth(session))).status());

        MatrixHttp.Reply again = http.post(REGISTER, withAuth(body, termsAuth(session)));

        assertEquals(200, again.status(), again::text);
        assertCounts(token, 0, 1);
    }

    @Test
    void parallelSubmissionsOfOneSessionUseASingleUseTokenForOneAccount() throws Exception {
        String token = admin.createToken(adminToken, 1L);
        JsonObject body = Json.createObjectBuilder().add("password", PASSWORD).build();
        String session = startSession(body);
        http.post(REGISTER, withAuth(body, tokenAuth(session, token)));

        List<MatrixHttp.Reply> replies = Concurrently.post(http, REGISTER, withAuth(body, termsAuth(session)), 20);

        Concurrently.assertOneUserForAll(replies);
        assertCounts(token, 0, 1);
    }

    @Test
    void unknownTokenFailsWithTheFlows() {
        JsonObject body = registration(randomLocalpart("unknown"), PASSWORD).build();
        String session = startSession(body);

        assertInvalidToken(http.post(REGISTER, withAuth(body, tokenAuth(session, "no-such-token"))), session);
    }

    @Test
    void usedUpTokenFails() {
        String token = admin.createToken(adminToken, 0L);
        JsonObject body = registration(randomLocalpart("usedup"), PASSWORD).build();
        String session = startSession(body);

        assertInvalidToken(http.post(REGISTER, withAuth(body, tokenAuth(session, token))), session);
        assertCounts(token, 0, 0);
    }

    @Test
    void pendingUseBlocksTheLastUseForOtherSessions() {
        String token = admin.createToken(adminToken, 1L);
        JsonObject first = registration(randomLocalpart("first"), PASSWORD).build();
        http.post(REGISTER, withAuth(first, tokenAuth(startSession(first), token)));
        JsonObject second = registration(randomLocalpart("second"), PASSWORD).build();
        String session = startSession(second);

        assertInvalidToken(http.post(REGISTER, withAuth(second, tokenAuth(session, token))), session);
        assertCounts(token, 1, 0);
    }

    @Test
    void expiredTokenFails() {
        long expiry = System.currentTimeMillis() + clockOffsetMs + 120_000;
        String token = admin.create(adminToken, Json.createObjectBuilder().add("expiry_time", expiry).build()).getString("token");
        advanceClock(180_000);
        JsonObject body = registration(randomLocalpart("expired"), PASSWORD).build();
        String session = startSession(body);

        assertInvalidToken(http.post(REGISTER, withAuth(body, tokenAuth(session, token))), session);
    }

    @Test
    void pendingUseIsReleasedWhenTheSessionExpires() {
        String token = admin.createToken(adminToken, 1L);
        JsonObject body = registration(randomLocalpart("abandoned"), PASSWORD).build();
        http.post(REGISTER, withAuth(body, tokenAuth(startSession(body), token)));
        assertEquals(false, valid(token));

        advanceClock(16 * 60_000);

        assertCounts(token, 0, 0);
        assertEquals(true, valid(token));
    }

    @Test
    void missingTokenInAuthIsMissingParam() {
        JsonObject body = registration(randomLocalpart("notoken"), PASSWORD).build();
        String session = startSession(body);
        JsonObject auth = Json.createObjectBuilder().add("type", TOKEN_STAGE).add("session", session).build();

        assertError(http.post(REGISTER, withAuth(body, auth)), 400, "M_MISSING_PARAM");
    }

    @Test
    void tokenThatIsNotAStringIsInvalidParam() {
        JsonObject body = registration(randomLocalpart("numtoken"), PASSWORD).build();
        String session = startSession(body);
        JsonObject auth = Json.createObjectBuilder().add("type", TOKEN_STAGE).add("session", session).add("token", 5).build();

        assertError(http.post(REGISTER, withAuth(body, auth)), 400, "M_INVALID_PARAM");
    }

    @Test
    void validityIsTrueForAUsableToken() {
        assertEquals(true, valid(admin.createToken(adminToken, 3L)));
    }

    @Test
    void validityIsFalseForAnUnknownToken() {
        assertEquals(false, valid("no-such-token"));
    }

    @Test
    void validityIsFalseForAUsedUpToken() {
        assertEquals(false, valid(admin.createToken(adminToken, 0L)));
    }

    @Test
    void validityIsFalseForAMalformedToken() {
        assertEquals(false, valid("not%20a%20token"));
    }

    @Test
    void validityWithoutTokenIsMissingParam() {
        assertError(http.get(VALIDITY), 400, "M_MISSING_PARAM");
    }
}
