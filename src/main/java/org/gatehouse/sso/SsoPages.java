package org.gatehouse.sso;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gatehouse.config.SsoProviderSettings;
import org.gatehouse.http.HtmlPages;

/**
 * The single sign-on pages, with the fallback pages' stylesheet and Content-Security-Policy
 * ({@link HtmlPages}): the provider picker, the "Continue to …?" confirmation before a login
 * token goes to a client that is not trusted (spec: "SSO client login", server security
 * considerations 1), and error pages.
 */
final class SsoPages {

    private static final String STYLESHEET = "_matrix/static/client/fallback/fallback.css";

    private SsoPages() {
    }

    /** The page asking which provider to sign in with, each a link to {@code /login/sso/redirect/{idpId}}. */
    static Response picker(String basePath, String apiVersion, List<SsoProviderSettings> providers, String redirectUrl) {
        StringBuilder body = new StringBuilder("<h1>Sign in</h1>\n<p>Choose how to sign in:</p>\n<ul class=\"providers\">\n");
        for (SsoProviderSettings provider : providers) {
            String href = basePath + "_matrix/client/" + apiVersion + "/login/sso/redirect/" + encode(provider.id())
                    + "?redirectUrl=" + encode(redirectUrl);
            body.append("<li><a class=\"button\" href=\"").append(escape(href)).append("\">")
                    .append(escape(provider.name())).append("</a></li>\n");
        }
        return page(200, basePath, "Sign in", body.append("</ul>\n").toString());
    }

    /**
     * Where a finished login sends the browser: straight to a trusted client (302, no
     * {@code Referer}, never cached), else the "Continue to …?" page ({@link #confirm}).
     */
    static Response signedIn(String basePath, SsoLoginFlow.Finished finished) {
        return finished.trusted()
                ? Response.status(302).location(URI.create(finished.target())).header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer").build()
                : confirm(basePath, finished.userId(), finished.target());
    }

    /** The page that sends the login token to an untrusted client only when the user clicks. */
    static Response confirm(String basePath, String userId, String target) {
        String host = RedirectUrls.displayedHost(target);
        String body = "<h1>Continue to " + escape(host) + "?</h1>\n"
                + "<p>You are signed in as <strong>" + escape(userId) + "</strong>. Continuing gives the application at <strong>"
                + escape(host) + "</strong> access to your Matrix account.</p>\n"
                + "<p>If you did not just try to sign in to this application, close this page: someone may be trying to "
                + "take over your account.</p>\n"
                + "<a class=\"button\" href=\"" + escape(target) + "\">Continue to " + escape(host) + "</a>\n";
        return page(200, basePath, "Continue to " + host + "?", body);
    }

    /**
     * The page of the {@code m.login.sso} UIA fallback: names the operation (spec: "SSO during
     * User-Interactive Authentication", security considerations: "confirming the operation") and
     * offers the account's providers.
     */
    static Response reauthenticate(String basePath, String apiVersion, SsoReauthentication.Target target) {
        String operation = target.session().description() == null ? "perform a sensitive operation on your account"
                : target.session().description();
        StringBuilder body = new StringBuilder("<h1>Confirm your identity</h1>\n<p>A client is trying to <strong>")
                .append(escape(operation)).append("</strong>. To confirm this action, sign in again with single sign-on.</p>\n")
                .append("<p class=\"error\">If you did not expect this, your account may be compromised: close this page.</p>\n")
                .append("<ul class=\"providers\">\n");
        for (OidcProvider provider : target.providers()) {
            String href = basePath + "_matrix/client/" + apiVersion + "/auth/m.login.sso/fallback/web/redirect?session="
                    + encode(target.session().sessionId()) + "&idp=" + encode(provider.settings().id());
            body.append("<li><a class=\"button\" href=\"").append(escape(href)).append("\">Continue with ")
                    .append(escape(provider.settings().name())).append("</a></li>\n");
        }
        return page(200, basePath, "Confirm your identity", body.append("</ul>\n").toString());
    }

    /** The fallback completion page (spec: "Fallback"): its script tells the client the stage is done. */
    static Response authenticated(String basePath) {
        return HtmlPages.page(200, HtmlPages.document("Authentication complete", basePath + STYLESHEET,
                basePath + "_matrix/static/client/fallback/done.js",
                "<h1>Authentication complete</h1>\n<p role=\"status\">Thank you. You may now close this window "
                        + "and return to the application.</p>\n"));
    }

    /**
     * The username picker: a form posting {@code session} (the pending choice, also the form's
     * CSRF token) and {@code username} to {@link SsoUsernameResource}, with {@code error} (plain
     * text, or {@code null}) above it; {@code providerName} may be {@code null}.
     */
    static Response chooseUsername(String basePath, int status, String session, String suggestion, String providerName,
                                   String error) {
        String with = providerName == null ? "" : " with <strong>" + escape(providerName) + "</strong>";
        StringBuilder body = new StringBuilder("<h1>Choose your username</h1>\n<p>You signed in").append(with)
                .append(" for the first time. Choose the username of your new Matrix account; it cannot be changed later.</p>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(escape(basePath + SsoUsernameResource.PATH)).append("\">\n")
                .append("<input type=\"hidden\" name=\"session\" value=\"").append(escape(session)).append("\">\n")
                .append("<label for=\"username\">Username</label>\n")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" maxlength=\"255\" required value=\"")
                .append(escape(suggestion)).append("\">\n")
                .append("<p>Lowercase letters a-z, digits 0-9 and . _ = - / + only.</p>\n")
                .append("<button type=\"submit\">Continue</button>\n</form>\n");
        return page(status, basePath, "Choose your username", body.toString());
    }

    /** An error page: {@code title} and {@code message} are plain text. */
    static Response error(String basePath, int status, String title, String message) {
        return page(status, basePath, title, "<h1>" + escape(title) + "</h1>\n<p class=\"error\" role=\"alert\">"
                + escape(message) + "</p>\n");
    }

    private static Response page(int status, String basePath, String title, String bodyHtml) {
        return HtmlPages.page(status, HtmlPages.document(title, basePath + STYLESHEET, null, bodyHtml));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
