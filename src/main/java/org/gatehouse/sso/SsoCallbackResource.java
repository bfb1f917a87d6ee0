package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoConfig;
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
    SsoConfig config;

    @Inject
    RateLimiter limits;

    @Context
    UriInfo uri;

    @GET
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
                             @QueryParam("error") String error, @CookieParam(SsoCookies.NAME) String binding) {
        limits.consume(LimitName.LOGIN_ADDRESS);
        Response response;
        String cookie = SsoCookies.clear(server);
        try {
            SsoLoginFlow.Callback callback = flow.callback(state, code, error, binding);
            if (callback.reauthentication()) {
                reauthentication.complete(callback);
                response = SsoPages.authenticated(basePath());
            } else {
                SsoLoginFlow.Outcome outcome = flow.login(callback);
                if (outcome instanceof SsoLoginFlow.ChoosingUsername choosing) {
                    response = SsoPages.chooseUsername(basePath(), 200, choosing.session(), choosing.suggestion(),
                            choosing.providerName(), null);
                    cookie = SsoCookies.set(server, choosing.binding(), config.attemptLifetime().toSeconds());
                } else {
                    response = SsoPages.signedIn(basePath(), (SsoLoginFlow.Finished) outcome);
                }
            }
        } catch (SsoFailure failure) {
            response = SsoPages.error(basePath(), failure.status(), failure.title(), failure.getMessage());
        }
        return Response.fromResponse(response).header("Set-Cookie", cookie).build();
    }

    private String basePath() {
        return uri.getBaseUri().getRawPath();
    }
}
