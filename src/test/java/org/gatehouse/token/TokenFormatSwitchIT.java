package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changing {@code gatehouse.tokens.format} never logs anyone out: Gatehouse is redeployed with
 * the other format while sessions issued in the first one stay live, and every token keeps
 * working whatever the current setting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenFormatSwitchIT {

    private static final String MACAROON_KEY = "format-switch-macaroon-key-0123456789";
    /** Where the server answers once a deployment is in (these deployments are not managed by Arquillian). */
    private static final String BASE = System.getProperty("gatehouse.it.base-url",
            "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port.offset", 0)) + "/");

    @Deployment(name = "opaque", managed = false, testable = false)
    static WebArchive opaque() {
        return named("opaque.war", "opaque");
    }

    @Deployment(name = "macaroon", managed = false, testable = false)
    static WebArchive macaroon() {
        return named("macaroon.war", "macaroon");
    }

    /** The test WAR with the given token format, under its own archive name (both deploy at "/"). */
    private static WebArchive named(String archiveName, String format) {
        return ShrinkWrap.create(WebArchive.class, archiveName).merge(GatehouseDeployment.war(Map.of(
                "gatehouse.tokens.format", format, "gatehouse.tokens.macaroon.secret-key", MACAROON_KEY)));
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void switchingTheFormatKeepsLiveSessionsInBothDirections() throws Exception {
        MatrixHttp http = new MatrixHttp(URI.create(BASE).toURL());
        deployer.deploy("opaque");
        String opaqueToken = login(http, register(http)).getString("access_token");
        assertTrue(opaqueToken.startsWith("gha_"), opaqueToken);
        deployer.undeploy("opaque");

        deployer.deploy("macaroon");
        String user = register(http);
        String macaroonToken = login(http, user).getString("access_token");
        assertTrue(macaroonToken.startsWith("MDA"), macaroonToken);
        assertEquals(200, http.get("/_matrix/client/v3/account/whoami", opaqueToken).status());
        assertEquals(200, http.get("/_matrix/client/v3/account/whoami", macaroonToken).status());
        deployer.undeploy("macaroon");

        deployer.deploy("opaque");
        try {
            assertEquals(200, http.get("/_matrix/client/v3/account/whoami", macaroonToken).status());
            assertEquals(200, http.get("/_matrix/client/v3/account/whoami", opaqueToken).status());
            assertTrue(login(http, user).getString("access_token").startsWith("gha_"));
        } finally {
            deployer.undeploy("opaque");
        }
    }

    private static String register(MatrixHttp http) {
        String localpart = "fmt" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var reply = http.post("/_matrix/client/v3/register", Json.createObjectBuilder()
                .add("username", localpart).add("password", "correct horse battery staple")
                .add("auth", Json.createObjectBuilder().add("type", "m.login.dummy")).build());
        assertEquals(200, reply.status(), reply.text());
        return localpart;
    }

    private static JsonObject login(MatrixHttp http, String localpart) {
        var reply = http.post("/_matrix/client/v3/login", Json.createObjectBuilder()
                .add("type", "m.login.password").add("user", localpart)
                .add("password", "correct horse battery staple").build());
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }
}
