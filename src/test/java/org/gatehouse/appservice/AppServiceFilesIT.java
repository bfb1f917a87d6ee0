package org.gatehouse.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.testing.Accounts;
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
 * Registration files decide whether Gatehouse deploys (a bad one fails the deployment, naming the
 * file) and whether {@code m.login.application_service} is offered at all. WildFly reports a failed
 * deployment to Arquillian with its message; Payara Micro starts anyway (the message is in its log)
 * and serves nothing of Gatehouse.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AppServiceFilesIT {

    /** Where the server answers once a deployment is in (these deployments are not managed by Arquillian). */
    private static final String BASE = System.getProperty("gatehouse.it.base-url",
            "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port.offset", 0)) + "/");
    private static final Path BROKEN = Path.of(System.getProperty("basedir", "."), "target", "appservice-it",
            AppServiceFilesIT.class.getSimpleName(), "broken.yaml").toAbsolutePath();

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive broken() {
        try {
            Files.createDirectories(BROKEN.getParent());
            Files.writeString(BROKEN, """
                    id: broken
                    url: null
                    as_token: broken-as-token
                    hs_token: broken-hs-token
                    sender_localpart: _broken_bot
                    namespaces:
                      users: [{exclusive: true, regex: "@_broken_(.*"}]
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ShrinkWrap.create(WebArchive.class, "broken.war").merge(GatehouseDeployment.war(
                Map.of("gatehouse.app-services.config-files", BROKEN.toString())));
    }

    @Deployment(name = "none", managed = false, testable = false)
    static WebArchive none() {
        return ShrinkWrap.create(WebArchive.class, "none.war").merge(GatehouseDeployment.war());
    }

    @ArquillianResource
    private Deployer deployer;

    /**
     * WildFly reports the failed deployment to Arquillian with the message; Payara Micro starts
     * anyway (the message is in its log) and then serves nothing of Gatehouse.
     */
    @Test
    void aBadRegexFailsTheDeploymentNamingTheFile() throws Exception {
        String refusal = null;
        try {
            deployer.deploy("broken");
        } catch (Exception failure) {
            refusal = messages(failure);
        }
        try {
            if (refusal != null) {
                assertTrue(refusal.contains(BROKEN + ": namespaces.users[0].regex is not a valid regular expression"),
                        refusal);
                assertFalse(refusal.contains("broken-as-token"), refusal);
            } else {
                assertFalse(serves(), "Gatehouse serves with an unusable registration file");
            }
        } finally {
            undeployQuietly("broken");
        }
    }

    @Test
    void withoutRegistrationsApplicationServiceLoginIsNotOffered() throws Exception {
        deployer.deploy("none");
        try {
            MatrixHttp http = new MatrixHttp(URI.create(BASE).toURL());
            MatrixHttp.Reply flows = http.get(Accounts.LOGIN);
            assertEquals(200, flows.status(), flows::text);
            assertFalse(flows.text().contains(AppServiceFixture.TYPE), flows::text);
        } finally {
            deployer.undeploy("none");
        }
    }

    private static boolean serves() throws Exception {
        try {
            return new MatrixHttp(URI.create(BASE).toURL()).get("/_matrix/client/versions").status() == 200;
        } catch (UncheckedIOException unreachable) {
            return false;
        }
    }

    private void undeployQuietly(String name) {
        try {
            deployer.undeploy(name);
        } catch (RuntimeException notDeployed) {
            // a deployment that failed may be left registered or not, depending on the server
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
