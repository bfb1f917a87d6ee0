package org.gatehouse.sso;

import jakarta.ws.rs.core.Response;
import org.gatehouse.config.ServerConfig;

/**
 * The cookie that binds a pending sign-in to the browser that started it: {@code HttpOnly},
 * {@code SameSite=Lax} (sent on the provider's top-level redirect back), {@code Secure} when the
 * public base URL is https, scoped to the callback's directory.
 */
final class SsoCookies {

    static final String NAME = "gatehouse_sso";
    private static final String PATH = "/_gatehouse/client/oidc";

    private SsoCookies() {
    }

    /** The {@code Set-Cookie} value that stores {@code binding} for {@code maxAgeSeconds}. */
    static String set(ServerConfig server, String binding, long maxAgeSeconds) {
        return NAME + "=" + binding + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax" + secure(server);
    }

    /**
     * The browser's way to the provider for a sign-in just {@code started}: a 302 to the provider's
     * authorization endpoint that sets the binding cookie for {@code maxAgeSeconds}, never cached,
     * and sends no {@code Referer} (the URL carries {@code state}).
     */
    static Response redirectToProvider(ServerConfig server, SsoLoginFlow.Started started, long maxAgeSeconds) {
        return Response.status(302).location(started.location())
                .header("Set-Cookie", set(server, started.binding(), maxAgeSeconds))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The {@code Set-Cookie} value that deletes the cookie. */
    static String clear(ServerConfig server) {
        return NAME + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; SameSite=Lax" + secure(server);
    }

    private static String secure(ServerConfig server) {
        return server.publicBaseUrl().startsWith("https:") ? "; Secure" : "";
    }
}
