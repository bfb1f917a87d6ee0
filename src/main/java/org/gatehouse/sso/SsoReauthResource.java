package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code GET /_matrix/client/v3/auth/m.login.sso/fallback/web?session=…} (spec: "SSO during
 * User-Interactive Authentication", "Fallback"): a page that names the operation being authorised
 * and warns the user, with one button per identity provider linked to the account;
 * {@code …/fallback/web/redirect?session=…&idp=…} sends the browser to that provider with the
 * binding cookie. The provider's callback ({@link SsoCallbackResource}) completes the stage and
 * shows the fallback completion page. Unknown or expired sessions, registration sessions and
 * unknown providers are HTML error pages.
 */
@Path(ApiPaths.CLIENT_V3 + "/auth/m.login.sso/fallback/web")
public class SsoReauthResource {

    @Inject
    SsoReauthentication reauthentication;

    @Inject
    SsoLoginFlow flow;

    @Inject
    SsoConfig config;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    @Context
    UriInfo uri;

    @GET
    public Response page(@PathParam("apiVersion") String apiVersion, @QueryParam("session") String session) {
        Optional<SsoReauthentication.Target> target = reauthentication.target(session);
        if (target.isEmpty() || target.get().providers().isEmpty()) {
            return unknownSession();
        }
        return SsoPages.reauthenticate(basePath(), apiVersion, target.get());
    }

    @GET
    @Path("redirect")
    public Response redirect(@QueryParam("session") String session, @QueryParam("idp") String idp) {
        limits.consume(LimitName.LOGIN_ADDRESS);
        Optional<OidcProvider> provider = reauthentication.target(session)
                .flatMap(target -> target.providers().stream().filter(p -> p.settings().id().equals(idp)).findFirst());
        if (provider.isEmpty()) {
            return unknownSession();
        }
        try {
            SsoLoginFlow.Started started = flow.start(provider.get(), null, session);
            return SsoCookies.redirectToProvider(server, started, config.attemptLifetime().toSeconds());
        } catch (SsoFailure failure) {
            return SsoPages.error(basePath(), failure.status(), failure.title(), failure.getMessage());
        }
    }

    private Response unknownSession() {
        return SsoPages.error(basePath(), 400, "Session not found", "This authentication session is unknown, has expired, "
                + "or belongs to an account that does not sign in through single sign-on. Return to the application and start again.");
    }

    private String basePath() {
        return uri.getBaseUri().getRawPath();
    }
}
