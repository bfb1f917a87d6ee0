package org.gatehouse.blackbox;

import java.net.URL;
import java.util.List;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console ({@code /_gatehouse/admin/}) end to end in headless Chromium (Debian package
 * {@code chromium}, at {@code /usr/bin/chromium} or {@code $CHROMIUM}) driven by playwright-core:
 * src/test/blackbox/admin-console.mjs. Screenshots of each page are kept in
 * {@code target/blackbox/screenshots/admin-console/}. Needs Node.js 20+, npm and Chromium.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleBrowserIT {

    /** {@code gatehouse.registration.shared-secret} of the integration-test servers (src/test/resources/arquillian.xml). */
    private static final String SHARED_SECRET = "it-shared-secret";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    /**
     * Sign-in (an admin; a non-admin refused and signed out; a wrong password), registration
     * tokens (create, generate, revoke), live figures, sign-out.
     */
    @Test
    void anAdminUsesTheConsoleInABrowser() {
        NodeClient.run("", "admin-console.mjs", List.of(base.toString().replaceAll("/+$", ""), SHARED_SECRET));
    }
}
