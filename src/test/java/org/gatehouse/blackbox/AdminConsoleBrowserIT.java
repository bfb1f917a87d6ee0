package org.gatehouse.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.gatehouse.http.HtmlPages;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console ({@code /_gatehouse/admin/}): its page and assets over HTTP, and the console
 * end to end in headless Chromium (Debian package {@code chromium}, at {@code /usr/bin/chromium}
 * or {@code $CHROMIUM}) driven by playwright-core: src/test/blackbox/admin-console.mjs. Screenshots of each page are kept in
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

    @Test
    void thePageCarriesTheFallbackPagesContentSecurityPolicyAndNoInlineScript() {
        MatrixHttp.Reply page = new MatrixHttp(base).get("/_gatehouse/admin/");
        assertEquals(200, page.status());
        assertEquals(HtmlPages.HTML_UTF8.replace(" ", ""), page.header("Content-Type").replace(" ", ""));
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertEquals("no-store", page.header("Cache-Control"));
        assertTrue(page.text().contains("<script src=\"/_gatehouse/admin/console.js\"></script>"), page::text);
        assertTrue(page.text().contains("data-base=\"/\""), page::text);
        assertEquals(1, page.text().split("<script").length - 1, "one script element, no inline script");
        assertTrue(!page.text().contains("style="), "no inline style");
    }

    @Test
    void theScriptAndStylesheetAreServedBesideIt() {
        MatrixHttp http = new MatrixHttp(base);
        MatrixHttp.Reply script = http.get("/_gatehouse/admin/console.js");
        assertEquals(200, script.status());
        assertEquals("text/javascript;charset=utf-8", script.header("Content-Type").replace(" ", ""));
        assertTrue(script.text().contains("\"use strict\""));
        MatrixHttp.Reply stylesheet = http.get("/_gatehouse/admin/console.css");
        assertEquals(200, stylesheet.status());
        assertEquals("text/css;charset=utf-8", stylesheet.header("Content-Type").replace(" ", ""));
    }

    /**
     * Sign-in (an admin; a non-admin refused and signed out; a wrong password), users (search, a
     * user's devices and sessions, password reset, lock and unlock, suspension, deactivation),
     * registration tokens (create, generate, revoke), live figures, sign-out.
     */
    @Test
    void anAdminUsesTheConsoleInABrowser() {
        NodeClient.run("", "admin-console.mjs", List.of(base.toString().replaceAll("/+$", ""), SHARED_SECRET));
    }
}
