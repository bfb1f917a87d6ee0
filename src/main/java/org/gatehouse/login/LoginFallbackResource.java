package org.gatehouse.login;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.http.HtmlPages;

/**
 * {@code GET /_matrix/static/client/login/} (spec: "Login Fallback"): an HTML page whose script
 * ({@code login.js}, served beside it) performs the whole password login against
 * {@code POST /_matrix/client/v3/login}, forwarding the non-credential query parameters
 * {@code device_id}, {@code initial_device_display_name} and {@code refresh_token}, and then calls
 * {@code window.matrixLogin.onLogin(response)} if the embedding client defined it, else
 * {@code window.onLogin(response)}. A failed login shows the server's {@code error} message.
 */
@Path(LoginFallbackResource.PATH)
public class LoginFallbackResource {

    static final String PATH = "/_matrix/static/client/login";

    @Context
    UriInfo uri;

    @GET
    public Response page() {
        String base = uri.getBaseUri().getRawPath();
        String assets = base + PATH.substring(1);
        String body = """
                <h1>Sign in</h1>
                <p id="login-error" class="error" role="alert" hidden></p>
                <form id="login-form" method="post" data-login-url="%s">
                <label for="username">Username</label>
                <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button id="login-submit" type="submit" disabled>Sign in</button>
                </form>
                <p id="login-done" role="status" hidden>You are signed in. You may now return to the application.</p>
                <noscript><p class="error">This page needs JavaScript to sign in.</p></noscript>
                """.formatted(escape(base + "_matrix/client/v3/login"));
        return HtmlPages.page(200, HtmlPages.document("Sign in", assets + "/login.css", assets + "/login.js", body));
    }

    @GET
    @Path("login.js")
    public Response script() {
        return HtmlPages.asset(LoginFallbackResource.class, "login.js", "text/javascript; charset=utf-8");
    }

    @GET
    @Path("login.css")
    public Response stylesheet() {
        return HtmlPages.asset(LoginFallbackResource.class, "login.css", "text/css; charset=utf-8");
    }
}
