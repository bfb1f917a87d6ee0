package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code GET /_gatehouse/client/oidc/callback?state=…&code=…} (spec: "SSO client login" →
 * "Handling the callback from the Authentication server"): the redirect URI registered at every
 * OpenID Connect provider. A login ends with a 302 to the client's {@code redirectUrl} with
 * {@code loginToken} when the client is trusted ({@code gatehouse.sso.client-whitelist}), else
 * with the "Continue to …?" page; failures are HTML pages saying what went wrong (see
 * {@link SsoLoginFlow#callback}). A UIA re-authentication ends with the fallback completion page
 * ({@link SsoReauthentication}). The binding cookie is cleared in every answer. Shares the
 * {@code login.address} rate limit with {@code POST /login}.
 */
@Path("/" + SsoLoginFlow.CALLBACK_PATH)
public class SsoCallbackResource {

    @Inject
    SsoLoginFlow flow;

    @Inject
    SsoReauthentication reauthentication;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    @Context
    UriInfo uri;

    @GET
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
                             @QueryParam("error") String error, @CookieParam(SsoCookies.NAME) String binding) {
        limits.consume(LimitName.LOGIN_ADDRESS);
        Response response;
        try {
            SsoLoginFlow.Callback callback = flow.callback(state, code, error, binding);
            if (callback.reauthentication()) {
                reauthentication.complete(callback);
                response = SsoPages.authenticated(basePath());
            } else {
                SsoLoginFlow.Finished finished = flow.login(callback);
                response = finished.trusted()
                        ? Response.status(302).location(URI.create(finished.target())).header("Cache-Control", "no-store")
                                .header("Referrer-Policy", "no-referrer").build()
                        : SsoPages.confirm(basePath(), finished.userId(), finished.target());
            }
        } catch (SsoFailure failure) {
            response = SsoPages.error(basePath(), failure.status(), failure.title(), failure.getMessage());
        }
        return Response.fromResponse(response).header("Set-Cookie", SsoCookies.clear(server)).build();
    }

    private String basePath() {
        return uri.getBaseUri().getRawPath();
    }
}
