package org.gatehouse.admin.console;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.http.HtmlPages;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The admin console's page and assets, and the figures endpoint it reads (the browser test drives the page). */
class AdminConsoleIT extends ClientIT {

    private static final String FIGURES = "/_gatehouse/admin/v1/figures";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void thePageCarriesTheFallbackPagesContentSecurityPolicyAndNoInlineScript() {
        MatrixHttp.Reply page = http.get("/_gatehouse/admin/");
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
        MatrixHttp.Reply script = http.get("/_gatehouse/admin/console.js");
        assertEquals(200, script.status());
        assertEquals("text/javascript;charset=utf-8", script.header("Content-Type").replace(" ", ""));
        assertTrue(script.text().contains("\"use strict\""));
        MatrixHttp.Reply stylesheet = http.get("/_gatehouse/admin/console.css");
        assertEquals(200, stylesheet.status());
        assertEquals("text/css;charset=utf-8", stylesheet.header("Content-Type").replace(" ", ""));
    }

    @Test
    void figuresNeedAnAccessToken() {
        assertError(http.get(FIGURES), 401, "M_MISSING_TOKEN");
    }

    @Test
    void figuresAreRefusedToUsersWhoAreNotAdmins() {
        String plain = new TokenAdminClient(http).newUser(false);
        JsonObject body = assertError(http.get(FIGURES, plain), 403, "M_FORBIDDEN");
        assertEquals("You are not a server admin", body.getString("error"));
    }

    @Test
    void anAdminReadsEverySeriesWithItsLabels() {
        TokenAdminClient admins = new TokenAdminClient(http);
        String admin = admins.newUser(true);
        admins.newUser(false);
        MatrixHttp.Reply reply = http.get(FIGURES, admin);
        assertEquals(200, reply.status(), reply::text);
        JsonObject figures = reply.json();
        assertEquals(Set.of("published_through", "figures"), figures.keySet(), figures::toString);
        JsonObject registrations = figures.getJsonArray("figures").getValuesAs(JsonObject.class).stream()
                .filter(series -> series.getString("name").equals("gatehouse_registrations_total")
                        && series.getJsonObject("labels").getString("kind").equals("shared_secret"))
                .findFirst().orElseThrow(() -> new AssertionError(figures.toString()));
        assertTrue(registrations.getJsonNumber("value").doubleValue() >= 2, registrations::toString);
        assertTrue(figures.getJsonArray("figures").getValuesAs(JsonObject.class).stream()
                .anyMatch(series -> series.getString("name").equals("gatehouse_hashing_queue")
                        && series.getJsonObject("labels").equals(JsonValue.EMPTY_JSON_OBJECT)), figures::toString);
    }
}
