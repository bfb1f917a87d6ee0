package org.gatehouse.blackbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box: matrix-js-sdk (pinned in src/test/blackbox/package.json) logs in with
 * {@code org.matrix.login.jwt}, a token this test signs with the deployment's HS256 secret, and
 * calls whoami: src/test/blackbox/jwt.mjs. Needs Node.js 20+ and npm.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwtSdkIT {

    private static final String SECRET = "jwt-sdk-it-secret-0123456789abcdef";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of("gatehouse.jwt.enabled", "true", "gatehouse.jwt.secret", SECRET,
                "gatehouse.jwt.audiences", "matrix"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void matrixJsSdkLogsInWithAJwt() throws JOSEException {
        String localpart = Accounts.randomLocalpart("jwtsdk");
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(localpart)
                .audience("matrix").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        NodeClient.run("", "jwt.mjs", List.of(base.toString().replaceAll("/+$", ""), jwt.serialize(), Accounts.userId(localpart)));
    }
}
