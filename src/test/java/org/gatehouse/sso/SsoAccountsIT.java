package org.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatehouse.appservice.AppServiceFixture;
import org.gatehouse.http.HtmlPages;
import org.gatehouse.testing.Accounts;
import org.gatehouse.testing.AdjustableClock;
import org.gatehouse.testing.AdjustableClockResource;
import org.gatehouse.testing.GatehouseDeployment;
import org.gatehouse.testing.MatrixHttp;
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
 * How first SSO logins find or make their account, against mock-oauth2-server: the username
 * picker ({@code on-conflict=picker}), linking by a verified e-mail address
 * ({@code link-by-email}), and application services' exclusive user namespaces. Providers (all on
 * the same mock): {@code pick} (picker), {@code mail} (links by verified e-mail, else suffix),
 * {@code plain} (suffix, no e-mail linking), {@code strict} (refuses conflicts). The application
 * service {@code holder} holds {@code @held_[a-z]+} exclusively.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SsoAccountsIT {

    private static final MockIdp IDP = new MockIdp();
    private static final String TRUSTED_CLIENT = "https://trusted.example/app/";
    private static final String REDIRECT = "/_matrix/client/v3/login/sso/redirect";
    private static final String FORM = "/_gatehouse/client/oidc/username";
    private static final Pattern SESSION_FIELD = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String publicBase = "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port.offset", 0)) + "/";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gatehouse.public-base-url", publicBase);
        settings.put("gatehouse.sso.providers", "pick,mail,plain,strict");
        settings.put("gatehouse.sso.client-whitelist", TRUSTED_CLIENT);
        for (String provider : new String[] {"pick", "mail", "plain", "strict"}) {
            settings.put("gatehouse.sso.provider." + provider + ".issuer", IDP.issuer());
            settings.put("gatehouse.sso.provider." + provider + ".client-id", MockIdp.CLIENT_ID);
            settings.put("gatehouse.sso.provider." + provider + ".client-secret", MockIdp.CLIENT_SECRET);
        }
        settings.put("gatehouse.sso.provider.pick.name", "Picker IdP");
        settings.put("gatehouse.sso.provider.pick.on-conflict", "picker");
        settings.put("gatehouse.sso.provider.mail.link-by-email", "true");
        settings.put("gatehouse.sso.provider.strict.on-conflict", "refuse");
        Path directory = AppServiceFixture.directory(SsoAccountsIT.class);
        AppServiceFixture.write(directory.resolve("holder.yaml"), AppServiceFixture.Service.create("holder", "held_bot"), "null", """
                namespaces:
                  users:
                    - exclusive: true
                      regex: "@held_[a-z]+:localhost"
                """);
        settings.put("gatehouse.app-services.config-files", directory.toString());
        return GatehouseDeployment.war(settings).addClasses(AdjustableClock.class, AdjustableClockResource.class);
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

    /** Sends the browser through {@code idp}, which signs in {@code subject} with {@code claims}; the callback's answer. */
    private SsoBrowser.Page callback(String idp, String subject, Map<String, Object> claims) {
        SsoBrowser.Page redirect = browser.get(http.uri(REDIRECT + "/" + idp + "?redirectUrl=" + encode(TRUSTED_CLIENT)));
        assertEquals(302, redirect.status(), redirect::body);
        SsoBrowser.Page authorize = browser.get(URI.create(redirect.location()));
        assertEquals(302, authorize.status(), authorize::body);
        IDP.nextLogin(subject, claims);
        return browser.get(URI.create(authorize.location()));
    }

    /** The user id that the login token of a finished login (302 to the trusted client) logs in. */
    private String loggedIn(SsoBrowser.Page done) {
        assertEquals(302, done.status(), done::body);
        assertTrue(done.location().startsWith(TRUSTED_CLIENT + "?loginToken="), done.location());
        String query = URI.create(done.location()).getRawQuery();
        String token = Arrays.stream(query.split("&")).filter(p -> p.startsWith("loginToken="))
                .map(p -> URLDecoder.decode(p.substring("loginToken=".length()), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        MatrixHttp.Reply login = http.post(Accounts.LOGIN, Json.createObjectBuilder().add("type", "m.login.token").add("token", token).build());
        assertEquals(200, login.status(), login::text);
        return login.string("user_id");
    }

    private String login(String idp, String subject, Map<String, Object> claims) {
        return loggedIn(callback(idp, subject, claims));
    }

    /** Asserts {@code page} is the username picker (status, CSP, no script) and returns its session token. */
    private static String pickerSession(SsoBrowser.Page page, int status) {
        assertEquals(status, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertTrue(page.body().contains("<h1>Choose your username</h1>"), page.body());
        assertTrue(page.body().contains("<form method=\"post\" action=\"/_gatehouse/client/oidc/username\">"), page.body());
        assertFalse(page.body().contains("<script"), page.body());
        Matcher session = SESSION_FIELD.matcher(page.body());
        assertTrue(session.find(), page.body());
        return session.group(1);
    }

    private SsoBrowser.Page choose(String session, String username) {
        return browser.post(http.uri(FORM), Map.of("session", session, "username", username));
    }

    private static void assertErrorPage(SsoBrowser.Page page, int status, String text) {
        assertEquals(status, page.status(), page::body);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertTrue(page.body().contains(text), page.body());
        assertFalse(page.body().contains("loginToken"), page.body());
    }

    private static String name(String prefix) {
        return Accounts.randomLocalpart(prefix);
    }

    /** A localpart of letters only, so that the holder's namespace {@code held_[a-z]+} can claim it exactly. */
    private static String letters(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aTakenNameShowsThePickerWhichRefusesBadAndTakenNamesAndMakesTheChosenAccount() {
        String taken = name("taken");
        login("pick", "sub-first-" + taken, Map.of("preferred_username", taken));
        String subject = "sub-second-" + taken;

        SsoBrowser.Page picker = callback("pick", subject, Map.of("preferred_username", taken));
        String session = pickerSession(picker, 200);
        assertTrue(picker.body().contains("value=\"" + taken + "\""), "the templated name is suggested: " + picker.body());
        assertTrue(picker.body().contains("<strong>Picker IdP</strong>"), picker.body());
        assertNotNull(browser.cookie(), "the choice is bound to this browser");

        SsoBrowser.Page invalid = choose(session, "no spaces!");
        assertEquals(session, pickerSession(invalid, 400));
        assertTrue(invalid.body().contains("class=\"error\" role=\"alert\"") && invalid.body().contains("a-z, 0-9"), invalid.body());

        SsoBrowser.Page stillTaken = choose(session, taken);
        pickerSession(stillTaken, 400);
        assertTrue(stillTaken.body().contains("is already taken"), stillTaken.body());

        String chosen = name("chosen");
        assertEquals("@" + chosen + ":localhost", loggedIn(choose(session, chosen.toUpperCase())));
        assertEquals("@" + chosen + ":localhost", login("pick", subject, Map.of("preferred_username", "anything")),
                "the chosen account is linked to the subject");
    }

    @Test
    void aChoiceIsUsedOnce() {
        String taken = name("once");
        login("pick", "sub-a-" + taken, Map.of("preferred_username", taken));
        String session = pickerSession(callback("pick", "sub-b-" + taken, Map.of("preferred_username", taken)), 200);
        String cookie = browser.cookie();
        loggedIn(choose(session, name("first")));

        browser.cookie(cookie);
        assertErrorPage(choose(session, name("second")), 400, "already completed, has expired");
    }

    @Test
    void aChoiceFromAnotherBrowserOrWithAnotherSessionTokenIsRefused() {
        String taken = name("csrf");
        login("pick", "sub-a-" + taken, Map.of("preferred_username", taken));
        String session = pickerSession(callback("pick", "sub-b-" + taken, Map.of("preferred_username", taken)), 200);
        String cookie = browser.cookie();

        browser.cookie(null);
        assertErrorPage(choose(session, name("nocookie")), 400, "started in another browser");
        browser.cookie(cookie);
        assertErrorPage(choose("forged-" + session, name("forged")), 400, "started in another browser");
        browser.cookie(cookie);
        loggedIn(choose(session, name("genuine")));
    }

    @Test
    void aChoiceExpiresWithTheSignInAttempt() {
        String taken = name("late");
        login("pick", "sub-a-" + taken, Map.of("preferred_username", taken));
        String session = pickerSession(callback("pick", "sub-b-" + taken, Map.of("preferred_username", taken)), 200);
        http.advanceTestClock(Duration.ofMinutes(11).toMillis());
        assertErrorPage(choose(session, name("late")), 400, "has expired");
    }

    @Test
    void aTemplateGivingNoNameShowsThePickerWithNoSuggestion() {
        String session = pickerSession(callback("pick", "sub-" + name("noname"), Map.of()), 200);
        String chosen = name("picked");
        assertEquals("@" + chosen + ":localhost", loggedIn(choose(session, chosen)));
    }

    @Test
    void aNameInAnExclusiveNamespaceIsNeitherTemplatedNorChosen() {
        String reserved = letters("held_");
        SsoBrowser.Page picker = callback("pick", "sub-" + reserved, Map.of("preferred_username", reserved));
        String session = pickerSession(picker, 200);
        SsoBrowser.Page refused = choose(session, letters("held_"));
        pickerSession(refused, 400);
        assertTrue(refused.body().contains("is reserved on this server"), refused.body());
    }

    @Test
    void aNameInAnExclusiveNamespaceGetsTheFirstFreeSuffixOutsideIt() {
        String reserved = letters("held_");
        assertEquals("@" + reserved + "1:localhost", login("plain", "sub-" + reserved, Map.of("preferred_username", reserved)));
    }

    @Test
    void aNameInAnExclusiveNamespaceIsRefusedWhenTheProviderRefusesConflicts() {
        String reserved = letters("held_");
        assertErrorPage(callback("strict", "sub-" + reserved, Map.of("preferred_username", reserved)), 403,
                "is already taken or not allowed");
    }

    @Test
    void aVerifiedEmailLinksToTheAccountWithThatAddress() {
        String owner = name("owner");
        String address = owner + "@Example.org";
        String account = login("plain", "sub-plain-" + owner, Map.of("preferred_username", owner, "email", address,
                "email_verified", true));

        assertEquals(account, login("mail", "sub-mail-" + owner, Map.of("preferred_username", name("other"),
                "email", address.toUpperCase(), "email_verified", true)));
    }

    @Test
    void anUnverifiedEmailNeverLinks() {
        String owner = name("unverified");
        String address = owner + "@example.org";
        String account = login("plain", "sub-plain-" + owner, Map.of("preferred_username", owner, "email", address,
                "email_verified", true));

        String other = name("newcomer");
        assertEquals("@" + other + ":localhost", login("mail", "sub-mail-" + owner,
                Map.of("preferred_username", other, "email", address, "email_verified", false)));
        String another = name("newcomer");
        assertEquals("@" + another + ":localhost", login("mail", "sub-mail2-" + owner,
                Map.of("preferred_username", another, "email", address)));
        assertFalse(account.equals("@" + other + ":localhost"));
    }

    @Test
    void aVerifiedEmailDoesNotLinkWhenTheProviderDoesNotAllowIt() {
        String owner = name("nolink");
        String address = owner + "@example.org";
        login("plain", "sub-a-" + owner, Map.of("preferred_username", owner, "email", address, "email_verified", true));
        String other = name("separate");
        assertEquals("@" + other + ":localhost", login("plain", "sub-b-" + owner,
                Map.of("preferred_username", other, "email", address, "email_verified", true)));
    }
}
