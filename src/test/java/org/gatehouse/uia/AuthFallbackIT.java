package org.gatehouse.uia;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.util.Locale;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.gatehouse.device.Reauth;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.Accounts.Account;
import org.gatehouse.testing.ClientIT;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The User-Interactive Authentication fallback pages over HTTP, without a browser (spec: "Fallback"). */
class AuthFallbackIT extends ClientIT {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String GET_TOKEN = "/_matrix/client/v1/login/get_token";
    private static final String HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.war();
    }

    @Test
    void passwordPageIsStrictHtmlNamingTheSessionsUser() {
        Account account = accounts.register();
        String session = startGetToken(account);

        MatrixHttp.Reply page = http.get(fallback("v3", "m.login.password", session));

        assertHtml(page, 200);
        assertTrue(page.text().contains("<html lang=\"en\">"), page::text);
        assertTrue(page.text().contains(account.userId()), page::text);
        assertTrue(page.text().contains("<label for=\"password\">"), page::text);
        assertTrue(page.text().contains("action=\"/_matrix/client/v3/auth/m.login.password/fallback/web?session="
                + session + "\""), page::text);
        assertFalse(page.text().contains("<script>"), "no inline script");
        assertFalse(page.text().contains("<style"), "no inline style");
    }

    @Test
    void hostileSessionParameterIsAnEscapedHtmlErrorPage() {
        MatrixHttp.Reply page = http.get(fallback("v3", "m.login.password", HOSTILE));

        assertHtml(page, 400);
        assertFalse(page.text().contains("<script>alert"), page::text);
        assertFalse(page.text().contains("<img"), page::text);
        assertTrue(page.text().contains("unknown or has expired"), page::text);
    }

    @Test
    void missingSessionIsAnHtmlErrorPage() {
        assertHtml(http.get("/_matrix/client/v3/auth/m.login.dummy/fallback/web"), 400);
    }

    @Test
    void unknownStageTypeIsAnHtml404() {
        Account account = accounts.register();

        MatrixHttp.Reply page = http.get(fallback("v3", "m.login.recaptcha", startGetToken(account)));

        assertHtml(page, 404);
        assertTrue(page.text().contains("no web page for this authentication step"), page::text);
    }

    @Test
    void wrongPasswordShowsTheFormAgainWithTheError() {
        Account account = accounts.register();
        String session = startGetToken(account);

        MatrixHttp.Reply page = postForm(fallback("v3", "m.login.password", session), "password=wrong");

        assertHtml(page, 200);
        assertTrue(page.text().contains("<p class=\"error\" role=\"alert\">Invalid password</p>"), page::text);
        assertTrue(page.text().contains("<input id=\"password\""), page::text);
        assertEquals(401, http.post(GET_TOKEN, sessionOnly(session), account.accessToken()).status());
    }

    @Test
    void passwordSubmittedOnThePageLetsTheOriginalRequestSucceedWithTheSessionOnly() {
        Account account = accounts.register();
        String session = startGetToken(account);

        MatrixHttp.Reply page = postForm(fallback("r0", "m.login.password", session),
                "password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8));

        assertHtml(page, 200);
        assertTrue(page.text().contains("<script src=\"/_matrix/static/client/fallback/done.js\"></script>"), page::text);
        MatrixHttp.Reply retried = http.post(GET_TOKEN, sessionOnly(session), account.accessToken());
        assertEquals(200, retried.status(), retried::text);
        assertTrue(retried.json().containsKey("login_token"), retried::text);
    }

    @Test
    void sessionMayComeAsAFormField() {
        Account account = accounts.register();
        String session = startGetToken(account);

        MatrixHttp.Reply page = postForm("/_matrix/client/v3/auth/m.login.password/fallback/web",
                "session=" + session + "&password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8));

        assertHtml(page, 200);
        assertTrue(page.text().contains("done.js"), page::text);
    }

    @Test
    void dummyPageCompletesARegistration() {
        String localpart = Accounts.randomLocalpart("fallback");
        JsonObject body = Accounts.registration(localpart, Accounts.PASSWORD).build();
        String session = accounts.startRegistration(body);
        MatrixHttp.Reply form = http.get(fallback("v3", "m.login.dummy", session));
        assertHtml(form, 200);

        MatrixHttp.Reply page = postForm(fallback("v3", "m.login.dummy", session), "");

        assertHtml(page, 200);
        MatrixHttp.Reply registered = http.post(Accounts.REGISTER, Accounts.withAuth(body, sessionOnly(session).getJsonObject("auth")));
        assertEquals(200, registered.status(), registered::text);
        assertEquals(Accounts.userId(localpart), registered.string("user_id"));
    }

    @Test
    void finishedSessionIsAnHtmlErrorPage() {
        Account account = accounts.register();
        String session = startGetToken(account);
        postForm(fallback("v3", "m.login.password", session),
                "password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8));
        assertEquals(200, http.post(GET_TOKEN, sessionOnly(session), account.accessToken()).status());

        assertHtml(http.get(fallback("v3", "m.login.password", session)), 400);
    }

    @Test
    void passwordPageNamesTheOperationItAuthorises() {
        Account account = accounts.register();
        MatrixHttp.Reply deactivation = http.post(Reauth.DEACTIVATE, Json.createObjectBuilder().build(), account.accessToken());
        assertEquals(401, deactivation.status(), deactivation::text);
        MatrixHttp.Reply deletion = new Reauth(http).deleteDevice(account.accessToken(), account.deviceId(),
                Json.createObjectBuilder().build());
        assertEquals(401, deletion.status(), deletion::text);

        String deactivationPage = http.get(fallback("v3", "m.login.password", deactivation.string("session"))).text();
        String deletionPage = http.get(fallback("v3", "m.login.password", deletion.string("session"))).text();
        String tokenPage = http.get(fallback("v3", "m.login.password", startGetToken(account))).text();

        assertTrue(deactivationPage.contains("To deactivate your account, enter the password of"), deactivationPage);
        assertTrue(deletionPage.contains("To delete the device " + account.deviceId() + ", enter the password of"), deletionPage);
        assertTrue(tokenPage.contains("To let a new device sign in to your account, enter the password of"), tokenPage);
    }

    @Test
    void resubmittingACompletedStageOnThePageIsASuccessThatChangesNothing() {
        Account account = accounts.register();
        String session = startGetToken(account);
        String form = "password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8);
        assertHtml(postForm(fallback("v3", "m.login.password", session), form), 200);

        MatrixHttp.Reply again = postForm(fallback("v3", "m.login.password", session), "password=wrong-password");

        assertHtml(again, 200);
        assertTrue(again.text().contains("Authentication complete"), again::text);
        assertEquals(200, http.post(GET_TOKEN, sessionOnly(session), account.accessToken()).status());
    }

    @Test
    void sessionIdWithANulOrOverLongIsAnHtml400() {
        assertHtml(http.get(fallback("v3", "m.login.password", "abc\u0000def")), 400);
        assertHtml(http.get(fallback("v3", "m.login.password", "s".repeat(5000))), 400);
        assertHtml(postForm(fallback("v3", "m.login.dummy", "abc\u0000def"), ""), 400);
    }

    @Test
    void sessionIdInAuthWithANulOrOverLongIsA400() {
        JsonObject registration = Accounts.registration(Accounts.randomLocalpart("nul"), Accounts.PASSWORD).build();
        JsonObject withNul = Accounts.withAuth(registration,
                Json.createObjectBuilder().add("type", "m.login.dummy").add("session", "abc\u0000def").build());
        JsonObject overLong = Accounts.withAuth(registration,
                Json.createObjectBuilder().add("type", "m.login.dummy").add("session", "s".repeat(300)).build());

        assertError(http.post(Accounts.REGISTER, withNul), 400, "M_INVALID_PARAM");
        assertError(http.post(Accounts.REGISTER, overLong), 400, "M_UNKNOWN");
    }

    @Test
    void deviceIdWithANulOrOverLongInThePathIs400() {
        Account account = accounts.register();

        assertError(http.get(Reauth.DEVICES + "/abc%00def", account.accessToken()), 400, "M_INVALID_PARAM");
        assertError(http.get(Reauth.DEVICES + "/" + "D".repeat(300), account.accessToken()), 400, "M_INVALID_PARAM");
        assertError(new Reauth(http).deleteDevice(account.accessToken(), "abc%00def", Json.createObjectBuilder().build()),
                400, "M_INVALID_PARAM");
    }

    @Test
    void completionScriptIsTheSpecsSnippet() {
        MatrixHttp.Reply script = http.get("/_matrix/static/client/fallback/done.js");

        assertEquals(200, script.status());
        assertEquals("text/javascript;charset=utf-8", mediaType(script));
        assertTrue(script.text().contains("if (window.onAuthDone) {\n    window.onAuthDone();\n} else if "
                + "(window.opener && window.opener.postMessage) {\n    window.opener.postMessage(\"authDone\", \"*\");\n}"),
                script::text);
        assertEquals(200, http.get("/_matrix/static/client/fallback/fallback.css").status());
    }

    static void assertHtml(MatrixHttp.Reply page, int status) {
        assertEquals(status, page.status(), page::text);
        assertEquals("text/html;charset=utf-8", mediaType(page), "Content-Type");
        assertEquals(CSP, page.header("Content-Security-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertTrue(page.text().startsWith("<!DOCTYPE html>"), page::text);
    }

    private String startGetToken(Account account) {
        MatrixHttp.Reply challenge = http.post(GET_TOKEN, Json.createObjectBuilder().build(), account.accessToken());
        assertEquals(401, challenge.status(), challenge::text);
        return challenge.string("session");
    }

    private static JsonObject sessionOnly(String session) {
        return Json.createObjectBuilder().add("auth", Json.createObjectBuilder().add("session", session)).build();
    }

    private static String fallback(String version, String type, String session) {
        return "/_matrix/client/" + version + "/auth/" + type + "/fallback/web?session="
                + URLEncoder.encode(session, StandardCharsets.UTF_8);
    }

    private MatrixHttp.Reply postForm(String path, String form) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The Content-Type without spaces, lowercased: servers differ in whether they write {@code ; charset}. */
    static String mediaType(MatrixHttp.Reply reply) {
        return reply.header("Content-Type").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
