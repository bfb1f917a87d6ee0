package org.gatehouse.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Locale;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The login fallback page over HTTP, without a browser (spec: "Login Fallback"). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginFallbackIT {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;

    @BeforeEach
    void setUp() {
        http = new MatrixHttp(base);
    }

    @Test
    void pageIsStrictSelfContainedHtml() {
        MatrixHttp.Reply page = http.get("/_matrix/static/client/login/");

        assertEquals(200, page.status(), page::text);
        assertEquals("text/html;charset=utf-8", mediaType(page));
        assertEquals(CSP, page.header("Content-Security-Policy"));
        assertTrue(page.text().contains("<html lang=\"en\">"), page::text);
        assertTrue(page.text().contains("<label for=\"username\">") && page.text().contains("<label for=\"password\">"),
                page::text);
        assertTrue(page.text().contains("<script src=\"/_matrix/static/client/login/login.js\"></script>"), page::text);
        assertTrue(page.text().contains("data-login-url=\"/_matrix/client/v3/login\""), page::text);
        assertFalse(page.text().contains("<script>"), "no inline script");
        assertFalse(page.text().contains("<style"), "no inline style");
        assertFalse(page.text().contains("http://") || page.text().contains("https://"), "no external resource");
    }

    @Test
    void pageIsServedWithoutTheTrailingSlashToo() {
        MatrixHttp.Reply page = http.get("/_matrix/static/client/login");

        assertEquals(200, page.status(), page::text);
        assertEquals("text/html;charset=utf-8", mediaType(page));
    }

    @Test
    void scriptLogsInWithThePasswordAndCallsTheClientsHook() {
        MatrixHttp.Reply script = http.get("/_matrix/static/client/login/login.js");

        assertEquals(200, script.status());
        assertEquals("text/javascript;charset=utf-8", mediaType(script));
        assertEquals("nosniff", script.header("X-Content-Type-Options"));
        assertTrue(script.text().contains("window.matrixLogin.onLogin(response)"), script::text);
        assertTrue(script.text().contains("window.onLogin(response)"), script::text);
    }

    @Test
    void stylesheetIsServed() {
        MatrixHttp.Reply css = http.get("/_matrix/static/client/login/login.css");

        assertEquals(200, css.status());
        assertEquals("text/css;charset=utf-8", mediaType(css));
    }

    /** The Content-Type without spaces, lowercased: servers differ in whether they write {@code ; charset}. */
    static String mediaType(MatrixHttp.Reply reply) {
        return reply.header("Content-Type").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
