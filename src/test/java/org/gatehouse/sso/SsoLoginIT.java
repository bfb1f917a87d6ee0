package org.gatehouse.sso;

import static org.gatehouse.testing.MatrixAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gatehouse.admin.TokenAdminClient;
import org.gatehouse.http.HtmlPages;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
import org.gatehouse.testing.TestPorts;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on login (spec: "SSO client login") against mock-oauth2-server: the redirect, the
 * callback, the ID-token checks (nonce, audience, expiry, signature), the single use and browser
 * binding of {@code state}, PKCE, the account mapping (template, suffix on conflict, refusal,
 * required claims) and the login token exchanged through {@code m.login.token}. Three providers
 * share the mock: {@code mock} (suffix on conflict), {@code strict} (requires
 * {@code groups=matrix-users}, refuses conflicts).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SsoLoginIT {

    private static final MockIdp IDP = new MockIdp();
    private static final String TRUSTED_CLIENT = "https://trusted.example/app/";
    private static final String OTHER_CLIENT = "https://other.example/cb?a=1&loginToken=stale";
    private static final String REDIRECT = "/_matrix/client/v3/login/sso/redirect";

    @Deployment(testable = false)
    static WebArchive deployment() {
        String publicBase = TestPorts.baseUrl();
        return GatehouseDeployment.war(Map.ofEntries(
                Map.entry("gatehouse.public-base-url", publicBase),
                Map.entry("gatehouse.sso.providers", "mock,strict"),
                Map.entry("gatehouse.sso.client-whitelist", TRUSTED_CLIENT),
                Map.entry("gatehouse.login-token.enabled", "true"),
                Map.entry("gatehouse.sso.provider.mock.issuer", IDP.issuer()),
                Map.entry("gatehouse.sso.provider.mock.client-id", MockIdp.CLIENT_ID),
                Map.entry("gatehouse.sso.provider.mock.client-secret", MockIdp.CLIENT_SECRET),
                Map.entry("gatehouse.sso.provider.mock.name", "Mock IdP"),
                Map.entry("gatehouse.sso.provider.mock.icon", "mxc://example.org/icon"),
                Map.entry("gatehouse.sso.provider.mock.brand", "keycloak"),
                Map.entry("gatehouse.sso.provider.strict.issuer", IDP.issuer()),
                Map.entry("gatehouse.sso.provider.strict.client-id", MockIdp.CLIENT_ID),
                Map.entry("gatehouse.sso.provider.strict.client-secret", MockIdp.CLIENT_SECRET),
                Map.entry("gatehouse.sso.provider.strict.client-auth", "client_secret_post"),
                Map.entry("gatehouse.sso.provider.strict.on-conflict", "refuse"),
                Map.entry("gatehouse.sso.provider.strict.required-claims", "groups=matrix-users")));
    }

    @AfterAll
    static void stopIdp() {
        IDP.shutdown();
    }

    @ArquillianResource
    private URL base;

    private MatrixHttp http;
    private SsoBrowser browser;

    @BeforeEach
    void connect() {
        http = new MatrixHttp(base);
        browser = new SsoBrowser();
    }

    /** The redirect to the provider and the provider's immediate answer: the callback URL, not yet visited. */
    private URI toCallback(String idp, String redirectUrl) {
        SsoBrowser.Page redirect = browser.get(http.uri(REDIRECT + "/" + idp + "?redirectUrl=" + encode(redirectUrl)));
        assertEquals(302, redirect.status(), redirect::body);
        assertTrue(redirect.location().startsWith(IDP.issuer()), redirect.location());
        assertNotNull(browser.cookie(), "the binding cookie");
        SsoBrowser.Page authorize = browser.get(URI.create(redirect.location()));
        assertEquals(302, authorize.status(), authorize::body);
        assertTrue(authorize.location().contains("/_gatehouse/client/oidc/callback?"), authorize.location());
        return URI.create(authorize.location());
    }

    private static String query(String url, String name) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    private MatrixHttp.Reply tokenLogin(String token) {
        return http.post(Accounts.LOGIN, Json.createObjectBuilder().add("type", "m.login.token").add("token", token).build());
    }

    /** A full login of {@code subject} with {@code claims} at {@code idp}, ending at the trusted client; the user id logged in. */
    private String login(String idp, String subject, Map<String, Object> claims) {
        IDP.nextLogin(subject, claims);
        SsoBrowser.Page done = browser.get(toCallback(idp, TRUSTED_CLIENT));
        assertEquals(302, done.status(), done::body);
        assertTrue(done.location().startsWith(TRUSTED_CLIENT + "?loginToken="), done.location());
        MatrixHttp.Reply login = tokenLogin(query(done.location(), "loginToken"));
        assertEquals(200, login.status(), login::text);
        return login.string("user_id");
    }

    private static void assertRefusalPage(SsoBrowser.Page page, int status, String expectedText) {
        assertEquals(status, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains(expectedText), page.body());
        assertFalse(page.body().contains("loginToken"), page.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String name(String prefix) {
        return Accounts.randomLocalpart(prefix);
    }

    @Test
    void loginFlowsListSsoWithItsIdentityProviders() {
        MatrixHttp.Reply reply = http.get(Accounts.LOGIN);
        JsonObject sso = reply.json().getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .filter(flow -> flow.getString("type").equals("m.login.sso")).findFirst().orElseThrow();
        assertEquals(Json.createReader(new java.io.StringReader("""
                {"type":"m.login.sso","identity_providers":[
                 {"id":"mock","name":"Mock IdP","icon":"mxc://example.org/icon","brand":"keycloak"},
                 {"id":"strict","name":"strict"}]}""")).readObject(), sso);
    }

    @Test
    void firstLoginCreatesTheAccountFromPreferredUsernameAndLaterLoginsReachIt() {
        String username = name("sso");
        String subject = "sub-" + username;
        String userId = login("mock", subject, Map.of("preferred_username", username, "name", "Ada SSO"));
        assertEquals("@" + username + ":localhost", userId);

        assertEquals(userId, login("mock", subject, Map.of("preferred_username", "renamed-" + username)));
    }

    @Test
    void redirectSetsAnHttpOnlyLaxCookieOnTheCallbackPathAndSendsPkceS256() {
        SsoBrowser.Page redirect = browser.get(http.uri(REDIRECT + "/mock?redirectUrl=" + encode(TRUSTED_CLIENT)));
        assertEquals(302, redirect.status());
        String cookie = redirect.header("Set-Cookie");
        assertTrue(cookie.contains("Path=/_gatehouse/client/oidc") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        assertEquals("S256", query(redirect.location(), "code_challenge_method"));
        assertNotNull(query(redirect.location(), "code_challenge"));
        assertNotNull(query(redirect.location(), "nonce"));
        assertNotNull(query(redirect.location(), "state"));
        assertEquals("openid profile email", query(redirect.location(), "scope"));
    }

    @Test
    void theGenericRedirectOffersAPageToChooseAmongSeveralProviders() {
        SsoBrowser.Page page = browser.get(http.uri("/_matrix/client/r0/login/sso/redirect?redirectUrl=" + encode(TRUSTED_CLIENT)));
        assertEquals(200, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertTrue(page.body().contains("/_matrix/client/r0/login/sso/redirect/mock?redirectUrl=https%3A%2F%2Ftrusted.example%2Fapp%2F"), page.body());
        assertTrue(page.body().contains(">Mock IdP</a>"), page.body());
    }

    @Test
    void anUntrustedClientGetsAConfirmationPageNamingItsHost() {
        String username = name("confirm");
        IDP.nextLogin("sub-" + username, Map.of("preferred_username", username));
        SsoBrowser.Page page = browser.get(toCallback("mock", OTHER_CLIENT));
        assertEquals(200, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertTrue(page.body().contains("<h1>Continue to other.example?</h1>"), page.body());
        assertTrue(page.body().contains("@" + username + ":localhost"), page.body());
        int start = page.body().indexOf("href=\"https://other.example/cb?a=1&amp;loginToken=") + "href=\"".length();
        assertTrue(start > 5, page.body());
        String link = page.body().substring(start, page.body().indexOf('"', start)).replace("&amp;", "&");
        MatrixHttp.Reply login = tokenLogin(query(link, "loginToken"));
        assertEquals(200, login.status(), login::text);
        assertEquals("@" + username + ":localhost", login.string("user_id"));
    }

    @Test
    void aTakenLocalpartGetsANumericSuffix() {
        String username = name("taken");
        String first = login("mock", "sub-a-" + username, Map.of("preferred_username", username));
        String second = login("mock", "sub-b-" + username, Map.of("preferred_username", username));
        assertEquals("@" + username + ":localhost", first);
        assertEquals("@" + username + "1:localhost", second);
    }

    @Test
    void aTakenLocalpartIsRefusedWhenTheProviderSaysSo() {
        String username = name("refused");
        login("mock", "sub-a-" + username, Map.of("preferred_username", username));
        IDP.nextLogin("sub-b-" + username, Map.of("preferred_username", username, "groups", List.of("matrix-users")));
        assertRefusalPage(browser.get(toCallback("strict", TRUSTED_CLIENT)), 403, "is already taken");
    }

    @Test
    void aMissingRequiredClaimIsRefusedWithAPageSayingWhich() {
        String username = name("nogroup");
        IDP.nextLogin("sub-" + username, Map.of("preferred_username", username, "groups", List.of("staff")));
        assertRefusalPage(browser.get(toCallback("strict", TRUSTED_CLIENT)), 403, "required: groups=matrix-users");

        String member = name("member");
        assertEquals("@" + member + ":localhost",
                login("strict", "sub-" + member, Map.of("preferred_username", member, "groups", List.of("staff", "matrix-users"))));
    }

    /** Runs a login whose token response carries {@code idToken(nonce of this attempt)}; the callback's answer. */
    private SsoBrowser.Page loginWithIdToken(java.util.function.Function<String, String> idToken) {
        SsoBrowser.Page redirect = browser.get(http.uri(REDIRECT + "/mock?redirectUrl=" + encode(TRUSTED_CLIENT)));
        String nonce = query(redirect.location(), "nonce");
        SsoBrowser.Page authorize = browser.get(URI.create(redirect.location()));
        IDP.nextTokenResponse(idToken.apply(nonce));
        return browser.get(URI.create(authorize.location()));
    }

    @Test
    void anIdTokenSignedByTheProviderForThisAttemptIsAccepted() {
        String subject = "sub-" + name("genuine");
        SsoBrowser.Page done = loginWithIdToken(nonce -> IDP.idToken(subject, MockIdp.CLIENT_ID, nonce, 3600));
        assertEquals(302, done.status(), done::body);
        assertTrue(done.location().startsWith(TRUSTED_CLIENT + "?loginToken="), done.location());
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        String subject = "sub-" + name("nonce");
        assertRefusalPage(loginWithIdToken(nonce -> IDP.idToken(subject, MockIdp.CLIENT_ID, "not-" + nonce, 3600)),
                403, "could not be verified");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        String subject = "sub-" + name("aud");
        assertRefusalPage(loginWithIdToken(nonce -> IDP.idToken(subject, "another-client", nonce, 3600)),
                403, "could not be verified");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        String subject = "sub-" + name("expired");
        assertRefusalPage(loginWithIdToken(nonce -> IDP.idToken(subject, MockIdp.CLIENT_ID, nonce, -600)),
                403, "could not be verified");
    }

    @Test
    void anIdTokenWithABadSignatureIsRefused() {
        String subject = "sub-" + name("forged");
        assertRefusalPage(loginWithIdToken(nonce -> IDP.forgedIdToken(subject, nonce)), 403, "could not be verified");
    }

    @Test
    void aReplayedStateIsRefused() {
        String username = name("replay");
        IDP.nextLogin("sub-" + username, Map.of("preferred_username", username));
        URI callback = toCallback("mock", TRUSTED_CLIENT);
        String cookie = browser.cookie();
        assertEquals(302, browser.get(callback).status());

        browser.cookie(cookie);
        assertRefusalPage(browser.get(callback), 400, "already completed, has expired");
    }

    @Test
    void aCallbackFromAnotherBrowserIsRefused() {
        URI callback = toCallback("mock", TRUSTED_CLIENT);
        browser.cookie(null);
        assertRefusalPage(browser.get(callback), 400, "started in another browser");
    }

    @Test
    void aCodeIssuedForAnotherAttemptFailsPkce() {
        URI victim = toCallback("mock", TRUSTED_CLIENT);
        String victimCookie = browser.cookie();
        URI attacker = toCallback("mock", TRUSTED_CLIENT);
        String code = query(attacker.toString(), "code");
        String state = query(victim.toString(), "state");
        browser.cookie(victimCookie);
        URI spliced = http.uri("/_gatehouse/client/oidc/callback?state=" + encode(state) + "&code=" + encode(code));
        assertRefusalPage(browser.get(spliced), 403, "did not accept the sign-in");
    }

    @Test
    void anErrorFromTheProviderIsShown() {
        URI callback = toCallback("mock", TRUSTED_CLIENT);
        String state = query(callback.toString(), "state");
        assertRefusalPage(browser.get(http.uri("/_gatehouse/client/oidc/callback?state=" + state + "&error=access_denied")),
                403, "(access_denied)");
    }

    @Test
    void anUnknownProviderIsANotFoundPage() {
        SsoBrowser.Page page = browser.get(http.uri(REDIRECT + "/nope?redirectUrl=" + encode(TRUSTED_CLIENT)));
        assertRefusalPage(page, 404, "no identity provider with this name");
    }

    @Test
    void aMissingRedirectUrlIsMissingParam() {
        assertError(http.get(REDIRECT + "/mock"), 400, "M_MISSING_PARAM");
    }

    @Test
    void aScriptRedirectUrlIsInvalidParam() {
        assertError(http.get(REDIRECT + "?redirectUrl=" + encode("javascript:alert(1)")), 400, "M_INVALID_PARAM");
    }

    @Test
    void postingLoginWithTheSsoTypeIsRefused() {
        assertError(http.post(Accounts.LOGIN, Json.createObjectBuilder().add("type", "m.login.sso").build()), 400, "M_UNKNOWN");
    }

    @Test
    void aLoginTokenFromSsoWorksOnce() {
        String username = name("once");
        IDP.nextLogin("sub-" + username, Map.of("preferred_username", username));
        SsoBrowser.Page done = browser.get(toCallback("mock", TRUSTED_CLIENT));
        String token = query(done.location(), "loginToken");
        assertEquals(200, tokenLogin(token).status());
        assertError(tokenLogin(token), 403, "M_FORBIDDEN");
    }

    /** Logs {@code subject} in through SSO; the whole {@code POST /login} answer. */
    private JsonObject ssoSession(String subject, String username) {
        IDP.nextLogin(subject, Map.of("preferred_username", username));
        SsoBrowser.Page done = browser.get(toCallback("mock", TRUSTED_CLIENT));
        MatrixHttp.Reply login = tokenLogin(query(done.location(), "loginToken"));
        assertEquals(200, login.status(), login::text);
        return login.json();
    }

    private MatrixHttp.Reply deleteDevice(JsonObject session, JsonObject body) {
        return http.send(java.net.http.HttpRequest.newBuilder(http.uri("/_matrix/client/v3/devices/" + session.getString("device_id")))
                .header("Authorization", "Bearer " + session.getString("access_token"))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The m.login.sso fallback round trip for {@code uiaSession}, the IdP signing in {@code subject}; the callback's page. */
    private SsoBrowser.Page reauthenticate(String uiaSession, String subject) {
        SsoBrowser.Page page = browser.get(http.uri("/_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + uiaSession));
        assertEquals(200, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        int start = page.body().indexOf("href=\"/_matrix/client/v3/auth/m.login.sso/fallback/web/redirect?") + "href=\"".length();
        assertTrue(start > 5, page.body());
        String link = page.body().substring(start, page.body().indexOf('"', start)).replace("&amp;", "&");
        SsoBrowser.Page redirect = browser.get(http.uri(link));
        assertEquals(302, redirect.status(), redirect::body);
        SsoBrowser.Page authorize = browser.get(URI.create(redirect.location()));
        IDP.nextLogin(subject, Map.of());
        return browser.get(URI.create(authorize.location()));
    }

    @Test
    void anSsoAccountDeletesADeviceThroughTheSsoStageOfTheSameSubject() {
        String username = name("reauth");
        String subject = "sub-" + username;
        JsonObject session = ssoSession(subject, username);
        MatrixHttp.Reply challenge = deleteDevice(session, Json.createObjectBuilder().build());
        assertEquals(401, challenge.status(), challenge::text);
        assertEquals(Json.createReader(new java.io.StringReader("[{\"stages\":[\"m.login.sso\"]}]")).readArray(),
                challenge.json().getJsonArray("flows"), challenge::text);
        String uia = challenge.string("session");
        JsonObject sessionOnly = Json.createObjectBuilder().add("auth", Json.createObjectBuilder()
                .add("type", "m.login.sso").add("session", uia)).build();
        assertEquals(401, deleteDevice(session, sessionOnly).status(), "m.login.sso is not completed by the client's word");

        SsoBrowser.Page fallback = browser.get(http.uri("/_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + uia));
        assertTrue(fallback.body().contains("delete the device " + session.getString("device_id")), fallback.body());
        SsoBrowser.Page done = reauthenticate(uia, subject);
        assertEquals(200, done.status(), done::body);
        assertTrue(done.body().contains("Authentication complete") && done.body().contains("fallback/done.js"), done.body());

        MatrixHttp.Reply deleted = deleteDevice(session, Json.createObjectBuilder().add("auth",
                Json.createObjectBuilder().add("session", uia)).build());
        assertEquals(200, deleted.status(), deleted::text);
        assertError(http.get(Accounts.WHOAMI, session.getString("access_token")), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void theSsoStageIsNotCompletedWhenTheProviderSignsInAnotherSubject() {
        String username = name("other");
        JsonObject session = ssoSession("sub-" + username, username);
        String uia = deleteDevice(session, Json.createObjectBuilder().build()).string("session");
        assertRefusalPage(reauthenticate(uia, "sub-someone-else-" + username), 403, "someone other than the owner");
        MatrixHttp.Reply stillChallenged = deleteDevice(session, Json.createObjectBuilder().add("auth",
                Json.createObjectBuilder().add("session", uia)).build());
        assertEquals(401, stillChallenged.status(), stillChallenged::text);
    }

    private MatrixHttp.Reply authed(String method, String path, JsonObject session, JsonObject body) {
        return http.send(java.net.http.HttpRequest.newBuilder(http.uri(path))
                .header("Authorization", "Bearer " + session.getString("access_token"))
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static JsonObject continuing(String uia) {
        return Json.createObjectBuilder().add("auth", Json.createObjectBuilder().add("session", uia)).build();
    }

    /**
     * Asks for {@code path} as the SSO account {@code session}, checks the challenge offers only
     * {@code m.login.sso} and that the fallback page names {@code operation}, re-authenticates at
     * the provider as {@code subject}; the UIA session and the callback's page.
     */
    private String[] challengedAndReauthenticated(String path, JsonObject session, JsonObject body, String operation,
                                                  String subject) {
        MatrixHttp.Reply challenge = authed("POST", path, session, body);
        assertEquals(401, challenge.status(), challenge::text);
        assertEquals(Json.createReader(new java.io.StringReader("[{\"stages\":[\"m.login.sso\"]}]")).readArray(),
                challenge.json().getJsonArray("flows"), challenge::text);
        String uia = challenge.string("session");
        SsoBrowser.Page fallback = browser.get(http.uri("/_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + uia));
        assertTrue(fallback.body().contains("<strong>" + operation + "</strong>"), fallback.body());
        SsoBrowser.Page done = reauthenticate(uia, subject);
        return new String[] {uia, String.valueOf(done.status()), done.body()};
    }

    @Test
    void anSsoAccountSetsAPasswordThroughTheSsoStageAndThenLogsInWithIt() {
        String username = name("setpw");
        String subject = "sub-" + username;
        JsonObject session = ssoSession(subject, username);
        String password = "Sso-set-Password-" + username;
        String[] reauth = challengedAndReauthenticated("/_matrix/client/v3/account/password", session,
                Json.createObjectBuilder().add("new_password", password).add("logout_devices", false).build(),
                "change your password", subject);
        assertEquals("200", reauth[1], reauth[2]);

        MatrixHttp.Reply changed = authed("POST", "/_matrix/client/v3/account/password", session, continuing(reauth[0]));
        assertEquals(200, changed.status(), changed::text);
        MatrixHttp.Reply login = http.post(Accounts.LOGIN, Accounts.passwordLogin(username, password).build());
        assertEquals(200, login.status(), login::text);
        assertEquals(200, http.get(Accounts.WHOAMI, session.getString("access_token")).status());
    }

    @Test
    void anSsoAccountDeactivatesThroughTheSsoStageOfTheSameSubjectOnly() {
        String username = name("deact");
        String subject = "sub-" + username;
        JsonObject session = ssoSession(subject, username);
        String[] wrong = challengedAndReauthenticated("/_matrix/client/v3/account/deactivate", session,
                Json.createObjectBuilder().build(), "deactivate your account", "sub-intruder-" + username);
        assertEquals("403", wrong[1], wrong[2]);
        assertEquals(401, authed("POST", "/_matrix/client/v3/account/deactivate", session, continuing(wrong[0])).status());

        String[] right = challengedAndReauthenticated("/_matrix/client/v3/account/deactivate", session,
                Json.createObjectBuilder().build(), "deactivate your account", subject);
        assertEquals("200", right[1], right[2]);
        MatrixHttp.Reply deactivated = authed("POST", "/_matrix/client/v3/account/deactivate", session, continuing(right[0]));
        assertEquals(200, deactivated.status(), deactivated::text);
        assertError(http.get(Accounts.WHOAMI, session.getString("access_token")), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void anSsoAccountDeletesSeveralDevicesThroughTheSsoStage() {
        String username = name("many");
        String subject = "sub-" + username;
        JsonObject first = ssoSession(subject, username);
        JsonObject second = ssoSession(subject, username);
        String[] reauth = challengedAndReauthenticated("/_matrix/client/v3/delete_devices", second,
                Json.createObjectBuilder().add("devices", Json.createArrayBuilder().add(first.getString("device_id"))).build(),
                "delete the devices " + first.getString("device_id"), subject);
        assertEquals("200", reauth[1], reauth[2]);

        MatrixHttp.Reply deleted = authed("POST", "/_matrix/client/v3/delete_devices", second, continuing(reauth[0]));
        assertEquals(200, deleted.status(), deleted::text);
        assertError(http.get(Accounts.WHOAMI, first.getString("access_token")), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(200, http.get(Accounts.WHOAMI, second.getString("access_token")).status());
    }

    @Test
    void anSsoAccountGetsALoginTokenThroughTheSsoStage() {
        String username = name("gettoken");
        String subject = "sub-" + username;
        JsonObject session = ssoSession(subject, username);
        String[] reauth = challengedAndReauthenticated("/_matrix/client/v1/login/get_token", session,
                Json.createObjectBuilder().build(), "let a new device sign in to your account", subject);
        assertEquals("200", reauth[1], reauth[2]);

        MatrixHttp.Reply token = authed("POST", "/_matrix/client/v1/login/get_token", session, continuing(reauth[0]));
        assertEquals(200, token.status(), token::text);
        MatrixHttp.Reply login = tokenLogin(token.string("login_token"));
        assertEquals(200, login.status(), login::text);
        assertEquals(session.getString("user_id"), login.string("user_id"));
    }

    @Test
    void aPasswordAccountIsNotOfferedTheSsoStage() {
        Accounts.Account account = new Accounts(http).register(name("pw"));
        MatrixHttp.Reply challenge = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/_matrix/client/v3/devices/" + account.deviceId()))
                .header("Authorization", "Bearer " + account.accessToken()).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(Json.createReader(new java.io.StringReader("[{\"stages\":[\"m.login.password\"]}]")).readArray(),
                challenge.json().getJsonArray("flows"), challenge::text);
    }

    private MatrixHttp.Reply backchannelLogout(String idp, String logoutToken) {
        return http.postRaw("/_gatehouse/client/oidc/backchannel-logout/" + idp,
                ("logout_token=" + encode(logoutToken)).getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    @Test
    void aBackChannelLogoutRevokesTheDevicesOfThatProviderSessionOnly() {
        String username = name("bcl");
        String subject = "sub-" + username;
        IDP.nextLogin(subject, Map.of("preferred_username", username, "sid", "sid-1-" + username));
        String first = tokenLogin(query(browser.get(toCallback("mock", TRUSTED_CLIENT)).location(), "loginToken")).string("access_token");
        IDP.nextLogin(subject, Map.of("preferred_username", username, "sid", "sid-2-" + username));
        String second = tokenLogin(query(browser.get(toCallback("mock", TRUSTED_CLIENT)).location(), "loginToken")).string("access_token");

        MatrixHttp.Reply logout = backchannelLogout("mock", IDP.logoutToken(subject, "sid-1-" + username));
        assertEquals(200, logout.status(), logout::text);

        assertError(http.get(Accounts.WHOAMI, first), 401, "M_UNKNOWN_TOKEN", "soft_logout");
        assertEquals(200, http.get(Accounts.WHOAMI, second).status());
    }

    @Test
    void aDeviceTakenOverByAnotherLoginIsNotRevokedByTheLogoutOfTheSessionItCameFrom() {
        String username = name("reuse");
        String subject = "sub-" + username;
        IDP.nextLogin(subject, Map.of("preferred_username", username, "sid", "sid-old-" + username));
        JsonObject first = tokenLogin(query(browser.get(toCallback("mock", TRUSTED_CLIENT)).location(), "loginToken")).json();
        IDP.nextLogin(subject, Map.of("preferred_username", username, "sid", "sid-new-" + username));
        String loginToken = query(browser.get(toCallback("mock", TRUSTED_CLIENT)).location(), "loginToken");
        MatrixHttp.Reply takeover = http.post(Accounts.LOGIN, Json.createObjectBuilder().add("type", "m.login.token")
                .add("token", loginToken).add("device_id", first.getString("device_id")).build());
        assertEquals(200, takeover.status(), takeover::text);
        assertEquals(first.getString("device_id"), takeover.string("device_id"));

        MatrixHttp.Reply logout = backchannelLogout("mock", IDP.logoutToken(subject, "sid-old-" + username));
        assertEquals(200, logout.status(), logout::text);

        assertEquals(200, http.get(Accounts.WHOAMI, takeover.string("access_token")).status());
        assertEquals(200, backchannelLogout("mock", IDP.logoutToken(subject, "sid-new-" + username)).status());
        assertError(http.get(Accounts.WHOAMI, takeover.string("access_token")), 401, "M_UNKNOWN_TOKEN", "soft_logout");
    }

    @Test
    void aLogoutTokenThatIsAnIdTokenIsRefused() {
        MatrixHttp.Reply logout = backchannelLogout("mock", IDP.idToken("sub-x", MockIdp.CLIENT_ID, "n", 3600));
        assertError(logout, 400, "M_INVALID_PARAM");
    }

    @Test
    void aForgedLogoutTokenIsRefused() {
        assertError(backchannelLogout("mock", IDP.forgedIdToken("sub-x", "n")), 400, "M_INVALID_PARAM");
    }

    /**
     * Several first logins of one person at once (the benchmark's SSO step saw 400
     * {@code M_USER_IN_USE} from its 16 browsers): every callback must end at the client with a
     * login token, and every token must log in to the one account they share.
     */
    @Test
    void concurrentFirstLoginsOfOnePersonMakeOneAccountAndAllSucceed() throws Exception {
        String username = name("race");
        int browsers = 8;
        List<SsoBrowser> each = new java.util.ArrayList<>();
        List<URI> callbacks = new java.util.ArrayList<>();
        for (int i = 0; i < browsers; i++) {
            IDP.nextLogin("sub-" + username, Map.of("preferred_username", username));
            browser = new SsoBrowser();
            callbacks.add(toCallback("mock", TRUSTED_CLIENT));
            each.add(browser);
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(browsers);
        try {
            List<java.util.concurrent.Future<SsoBrowser.Page>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < browsers; i++) {
                int index = i;
                pages.add(pool.submit(() -> {
                    start.await();
                    return each.get(index).get(callbacks.get(index));
                }));
            }
            start.countDown();
            java.util.Set<String> userIds = new java.util.HashSet<>();
            for (java.util.concurrent.Future<SsoBrowser.Page> future : pages) {
                SsoBrowser.Page done = future.get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(302, done.status(), done::body);
                MatrixHttp.Reply login = tokenLogin(query(done.location(), "loginToken"));
                assertEquals(200, login.status(), login::text);
                userIds.add(login.string("user_id"));
            }
            assertEquals(1, userIds.size(), userIds::toString);
            assertTrue(userIds.iterator().next().startsWith("@" + username + ":"), userIds::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Synapse's "Query User Account" lists the account's links as {@code external_ids}, which admin tools show. */
    @Test
    void theAdminQueryOfAnAccountListsItsProviderSubjectAsExternalId() {
        String username = name("ext");
        String subject = "sub-" + username;
        String userId = login("mock", subject, Map.of("preferred_username", username));
        String adminToken = new TokenAdminClient(http).newUser(true);

        MatrixHttp.Reply details = http.get("/_synapse/admin/v2/users/" + encode(userId), adminToken);
        assertEquals(200, details.status(), details::text);
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("auth_provider", "mock")
                .add("external_id", subject)).build(), details.json().getJsonArray("external_ids"), details::text);
    }
}
