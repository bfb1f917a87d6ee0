package org.gatehouse.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonString;
import java.net.URL;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Discovery: {@code /versions}, {@code /.well-known/matrix/client} and health. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DiscoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void versionsListsSupportedSpecVersions() {
        var reply = new MatrixHttp(base).get("/_matrix/client/versions");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        var versions = reply.json().getJsonArray("versions").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertTrue(versions.contains("v1.1"), versions::toString);
        assertTrue(versions.stream().allMatch(v -> v.matches("v1\\.\\d+")), versions::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void wellKnownAdvertisesThePublicBaseUrl() {
        var reply = new MatrixHttp(base).get("/.well-known/matrix/client");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        assertEquals("http://localhost:8080/",
                reply.json().getJsonObject("m.homeserver").getString("base_url"));
    }
}
