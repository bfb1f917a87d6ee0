package org.gatehouse.login.jwt;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.appservice.AppServiceFixture;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.Concurrently;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code org.matrix.login.jwt} with an HMAC secret (HS256), an issuer and two audiences, tokens
 * signed by the test: what logs in, what every kind of bad token answers, and accounts that may
 * not log in.
 */
class JwtLoginIT extends ClientIT {

    static final String SECRET = "jwt-login-it-secret-0123456789abcdef";
    static final String ISSUER = "https://portal.example.org";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(AppServiceFixture.settings(JwtLoginIT.class, Map.of(
                "gatehouse.jwt.enabled", "true",
                "gatehouse.jwt.secret", SECRET,
                "gatehouse.jwt.algorithm", "HS256",
                "gatehouse.jwt.issuer", ISSUER,
                "gatehouse.jwt.audiences", "matrix, chat")));
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return TestJwts.claims(subject).issuer(ISSUER).audience("matrix");
    }

    private static String token(JWTClaimsSet.Builder claims) {
        return TestJwts.hmac(JWSAlgorithm.HS256, SECRET, claims.build());
    }

    private MatrixHttp.Reply login(String token) {
        return http.post(LOGIN, Json.createObjectBuilder().add("type", "org.matrix.login.jwt").add("token", token).build());
    }

    private JsonObject loggedIn(String token) {
        MatrixHttp.Reply reply = login(token);
        assertEquals(200, reply.status(), reply::text);
        return reply.json();
    }

    private void assertRefused(String token) {
        assertError(login(token), 403, "M_FORBIDDEN");
    }

    @Test
    void theFlowIsListed() {
        MatrixHttp.Reply reply = http.get(LOGIN);
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.json().getJsonArray("flows").stream()
                .anyMatch(flow -> flow.asJsonObject().getString("type").equals("org.matrix.login.jwt")), reply::text);
    }

    @Test
    void aValidTokenMakesTheAccountAndLogsItIn() {
        String localpart = Accounts.randomLocalpart("jwt");
        JsonObject first = loggedIn(token(claims(localpart)));
        assertEquals(Accounts.userId(localpart), first.getString("user_id"));
        assertEquals(first.getString("user_id"), accounts.whoami(first.getString("access_token")).string("user_id"));

        JsonObject second = loggedIn(token(claims(localpart).audience(List.of("other", "chat"))));
        assertEquals(first.getString("user_id"), second.getString("user_id"));
        assertNotEquals(first.getString("device_id"), second.getString("device_id"));
    }

    @Test
    void concurrentFirstLoginsOfOneSubjectMakeOneAccount() throws Exception {
        String localpart = Accounts.randomLocalpart("jwt");
        List<MatrixHttp.Reply> replies = Concurrently.post(http, LOGIN, Json.createObjectBuilder()
                .add("type", "org.matrix.login.jwt").add("token", token(claims(localpart))).build(), 8);
        assertEquals(Accounts.userId(localpart), Concurrently.assertOneUserForAll(replies));
    }

    @Test
    void noAccountIsMadeInAnApplicationServicesExclusiveNamespace() {
        String reserved = Accounts.randomLocalpart("_bridge_");
        MatrixHttp.Reply refused = login(token(claims(reserved)));
        assertError(refused, 403, "M_FORBIDDEN");
        assertTrue(refused.string("error").contains("reserved by an application service"), refused::text);

        String shared = Accounts.randomLocalpart("shared_");
        assertEquals(Accounts.userId(shared), loggedIn(token(claims(shared))).getString("user_id"),
                "a namespace that is not exclusive does not stop the account");
    }

    @Test
    void capitalsInTheSubjectAreLowered() {
        String localpart = Accounts.randomLocalpart("jwt");
        JsonObject reply = loggedIn(token(claims(localpart.toUpperCase(Locale.ROOT))));
        assertEquals(Accounts.userId(localpart), reply.getString("user_id"));
    }

    @Test
    void anExistingPasswordAccountLogsInWithAToken() {
        Accounts.Account account = accounts.register();
        assertEquals(account.userId(), loggedIn(token(claims(account.localpart()))).getString("user_id"));
    }

    @Test
    void badTokensAreForbidden() {
        String localpart = Accounts.randomLocalpart("jwt");
        Instant now = Instant.now();
        assertRefused(token(claims(localpart).expirationTime(Date.from(now.minusSeconds(600)))));
        assertRefused(token(claims(localpart).notBeforeTime(Date.from(now.plusSeconds(600)))));
        assertRefused(token(claims(localpart).audience("someone-else")));
        assertRefused(token(claims(localpart).audience((String) null)));
        assertRefused(token(claims(localpart).issuer("https://evil.example.org")));
        assertRefused(token(claims(localpart).issuer(null)));
        assertRefused(TestJwts.hmac(JWSAlgorithm.HS256, SECRET + "x", claims(localpart).build()));
        assertRefused(TestJwts.hmac(JWSAlgorithm.HS384, SECRET + "0123456789abcdef", claims(localpart).build()));
        assertRefused(TestJwts.unsigned(claims(localpart).build()));
        assertRefused(TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("k"), claims(localpart).build()));
        assertRefused("not.a.jwt");
        String valid = token(claims(localpart));
        assertRefused(valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA");
    }

    @Test
    void aSubjectThatIsNoValidLocalpartIsForbidden() {
        assertRefused(token(claims("alice:evil.example.org")));
        assertRefused(token(claims("\u00e9lise")));
        assertRefused(token(claims(Accounts.randomLocalpart("jwt") + "!")));
        assertRefused(token(claims("a".repeat(300))));
        assertRefused(token(claims("x").subject(null)));
    }

    @Test
    void aMissingTokenIsABadRequest() {
        assertError(http.post(LOGIN, Json.createObjectBuilder().add("type", "org.matrix.login.jwt").build()), 400, "M_MISSING_PARAM");
    }

    @Test
    void deactivatedAndLockedAccountsCannotLogIn() {
        String admin = new TokenAdminClient(http).newUser(true);
        String deactivated = Accounts.randomLocalpart("jwt");
        loggedIn(token(claims(deactivated)));
        assertEquals(200, adminSend("POST", "/_synapse/admin/v1/deactivate/" + segment(deactivated), "{}", admin).status());
        assertError(login(token(claims(deactivated))), 403, "M_USER_DEACTIVATED");

        String locked = Accounts.randomLocalpart("jwt");
        loggedIn(token(claims(locked)));
        MatrixHttp.Reply lock = adminSend("PUT", "/_matrix/client/v1/admin/lock/" + segment(locked), "{\"locked\":true}", admin);
        assertEquals(200, lock.status(), lock::text);
        assertEquals(true, assertError(login(token(claims(locked))), 401, "M_USER_LOCKED", "soft_logout").getBoolean("soft_logout"));
    }

    private static String segment(String localpart) {
        return URLEncoder.encode(Accounts.userId(localpart), StandardCharsets.UTF_8);
    }

    private MatrixHttp.Reply adminSend(String method, String path, String body, String accessToken) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
