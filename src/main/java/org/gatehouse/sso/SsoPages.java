package org.gatehouse.sso;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.ws.rs.core.Response;
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
