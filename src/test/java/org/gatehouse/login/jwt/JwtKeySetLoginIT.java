package org.gatehouse.login.jwt;

import static org.gatehouse.testing.Accounts.LOGIN;
import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code org.matrix.login.jwt} with public keys from a JSON Web Key Set that this test serves on
 * a loopback port of its own (an RSA and an EC key, RS256 and ES256), the subject in the claim
 * {@code username}, and {@code create-users} off: Gatehouse fetches the keys over HTTP and picks
 * them by {@code kid}.
 */
class JwtKeySetLoginIT extends ClientIT {

    private static final RSAKey RSA = TestJwts.rsaKey("portal-rsa");
    private static final ECKey EC = TestJwts.ecKey("portal-ec");
    private static HttpServer keyServer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        try {
            keyServer = JwtValidatorTest.jwksServer(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())), new AtomicInteger());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return GatehouseDeployment.war(Map.of(
                "gatehouse.jwt.enabled", "true",
                "gatehouse.jwt.jwks-url", JwtValidatorTest.url(keyServer),
                "gatehouse.jwt.algorithm", "RS256,ES256",
                "gatehouse.jwt.subject-claim", "username",
                "gatehouse.jwt.create-users", "false"));
    }

    @AfterAll
    static void stopKeyServer() {
        if (keyServer != null) {
            keyServer.stop(0);
        }
    }

    private static JWTClaimsSet claims(String username) {
        return TestJwts.claims("portal-user-id-1234").claim("username", username).build();
    }

    private MatrixHttp.Reply login(String token) {
        return http.post(LOGIN, Json.createObjectBuilder().add("type", "org.matrix.login.jwt").add("token", token).build());
    }

    private void assertLogsIn(String token, String userId) {
        MatrixHttp.Reply reply = login(token);
        assertEquals(200, reply.status(), reply::text);
        assertEquals(userId, reply.string("user_id"));
        assertEquals(userId, accounts.whoami(reply.string("access_token")).string("user_id"));
    }

    @Test
    void rsaAndEcTokensLogIn() {
        Accounts.Account account = accounts.register();
        assertLogsIn(TestJwts.rsa(JWSAlgorithm.RS256, RSA, claims(account.localpart())), account.userId());
        assertLogsIn(TestJwts.ec(EC, claims(account.localpart())), account.userId());
    }

    @Test
    void anUnknownSubjectIsForbiddenWhenAccountsAreNotMade() {
        assertError(login(TestJwts.rsa(JWSAlgorithm.RS256, RSA, claims(Accounts.randomLocalpart("jwt")))), 403, "M_FORBIDDEN");
    }

    @Test
    void tokensOfOtherKeysAlgorithmsOrClaimsAreForbidden() {
        Accounts.Account account = accounts.register();
        assertError(login(TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("portal-rsa"), claims(account.localpart()))), 403, "M_FORBIDDEN");
        assertError(login(TestJwts.rsa(JWSAlgorithm.RS256, TestJwts.rsaKey("rotated-away"), claims(account.localpart()))), 403, "M_FORBIDDEN");
        assertError(login(TestJwts.rsa(JWSAlgorithm.RS384, RSA, claims(account.localpart()))), 403, "M_FORBIDDEN");
        assertError(login(TestJwts.hmac(JWSAlgorithm.HS256, TestJwts.pem(RSA), claims(account.localpart()))), 403, "M_FORBIDDEN");
        assertError(login(TestJwts.rsa(JWSAlgorithm.RS256, RSA, TestJwts.claims(account.localpart()).build())), 403, "M_FORBIDDEN");
    }
}
