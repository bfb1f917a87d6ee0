package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test deployment's own settings override the server's: the mechanism other tests rely on. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentSettingsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war(Map.of("gatehouse.public-base-url", "https://matrix.example.test/"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void deploymentSettingsOverrideServerSettings() {
        var reply = new MatrixHttp(base).get("/.well-known/matrix/client");
        assertEquals("https://matrix.example.test/", reply.json().getJsonObject("m.homeserver").getString("base_url"));
    }
}
