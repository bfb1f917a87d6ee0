package org.gatehouse.blackbox;

import java.net.URL;
import org.gatehouse.testing.GatehouseDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box in a real browser: headless Chromium (Debian package {@code chromium}, at
 * {@code /usr/bin/chromium} or {@code $CHROMIUM}) driven by playwright-core (pinned in
 * src/test/blackbox/package.json) uses the login fallback page and the UIA fallback page.
 * Needs Node.js 20+, npm and Chromium.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FallbackBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    /**
     * Login fallback (window.onLogin, window.matrixLogin.onLogin, device_id forwarding, error
     * message) and the m.login.password UIA fallback (window.onAuthDone, popup postMessage, retry
     * with the session only): src/test/blackbox/fallback.mjs.
     */
    @Test
    void aBrowserLogsInAndCompletesAuthenticationThroughTheFallbackPages() {
        NodeClient.run("fallback.mjs", base.toString().replaceAll("/+$", ""));
    }
}
