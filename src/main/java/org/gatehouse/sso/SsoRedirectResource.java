package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code GET /_matrix/client/v3/login/sso/redirect?redirectUrl=…} and
 * {@code GET /_matrix/client/v3/login/sso/redirect/{idpId}?redirectUrl=…} (also {@code r0}; spec:
 * "SSO client login", {@code sso_login_redirect.yaml}): a 302 to the identity provider with the
 * binding cookie set ({@link SsoCookies}); without an IdP id, the only provider, or a page to
 * choose among several. A missing {@code redirectUrl} is 400 {@code M_MISSING_PARAM}, an
 * unacceptable one ({@link RedirectUrls}) 400 {@code M_INVALID_PARAM}; with no provider
 * configured the endpoint is 404 {@code M_UNRECOGNIZED}; an unknown {@code idpId} is a 404 HTML
 * page, as the spec encourages. Shares the {@code login.address} rate limit with {@code POST /login}.
 */
@Path(ApiPaths.CLIENT_V3 + "/login/sso/redirect")
public class SsoRedirectResource {

    @Inject
    SsoConfig config;

    @Inject
    OidcProviders providers;

    @Inject
    SsoLoginFlow flow;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    @Context
    UriInfo uri;

    @GET
    public Response redirect(@PathParam("apiVersion") String apiVersion, @QueryParam("redirectUrl") String redirectUrl) {
        checkRequest(redirectUrl);
        List<OidcProvider> all = providers.all();
        if (all.size() == 1) {
            return start(all.get(0), redirectUrl);
        }
        return SsoPages.picker(basePath(), apiVersion, config.providers(), redirectUrl);
    }

    @GET
    @Path("{idpId}")
    public Response redirectToProvider(@PathParam("idpId") String idpId, @QueryParam("redirectUrl") String redirectUrl) {
        checkRequest(redirectUrl);
        return providers.find(idpId).map(provider -> start(provider, redirectUrl))
                .orElseGet(() -> SsoPages.error(basePath(), 404, "Unknown identity provider",
                        "This server has no identity provider with this name. Return to the application and choose another."));
    }

    private void checkRequest(String redirectUrl) {
        if (!config.enabled()) {
            throw new MatrixException(404, ErrCode.M_UNRECOGNIZED, "Single sign-on is not enabled on this server");
        }
        limits.consume(LimitName.LOGIN_ADDRESS);
        if (redirectUrl == null || redirectUrl.isEmpty()) {
            throw MatrixException.missingParam("Missing parameter: redirectUrl");
        }
        if (RedirectUrls.parse(redirectUrl).isEmpty()) {
            throw MatrixException.invalidParam("redirectUrl must be an absolute URL of at most "
                    + RedirectUrls.MAX_LENGTH + " characters with an acceptable scheme");
        }
    }

    private Response start(OidcProvider provider, String redirectUrl) {
        try {
            SsoLoginFlow.Started started = flow.start(provider, redirectUrl, null);
            return SsoCookies.redirectToProvider(server, started, config.attemptLifetime().toSeconds());
        } catch (SsoFailure failure) {
            return SsoPages.error(basePath(), failure.status(), failure.title(), failure.getMessage());
        }
    }

    private String basePath() {
        return uri.getBaseUri().getRawPath();
    }
}
