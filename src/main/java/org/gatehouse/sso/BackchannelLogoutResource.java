package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * {@code POST /_gatehouse/client/oidc/backchannel-logout/{idpId}} (OpenID Connect Back-Channel
 * Logout 1.0, the URL registered at provider {@code idpId}): the form parameter
 * {@code logout_token} is validated ({@link OidcProvider#logoutSession}) and the devices that came
 * from the session it names are deleted, with their tokens ({@link SsoSessions}). 200 with
 * {@code Cache-Control: no-store} on success (also when no device matched); a missing or invalid
 * token is 400 {@code M_INVALID_PARAM} / {@code M_MISSING_PARAM}, an unknown provider 404
 * {@code M_NOT_FOUND}.
 */
@Path("/_gatehouse/client/oidc/backchannel-logout/{idpId}")
public class BackchannelLogoutResource {

    private static final Logger LOG = Logger.getLogger(BackchannelLogoutResource.class.getName());

    @Inject
    OidcProviders providers;

    @Inject
    SsoSessions sessions;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@PathParam("idpId") String idpId, @FormParam("logout_token") String logoutToken) {
        OidcProvider provider = providers.find(idpId).orElseThrow(() -> MatrixException.notFound("Unknown identity provider"));
        if (logoutToken == null || logoutToken.isEmpty()) {
            throw MatrixException.missingParam("Missing parameter: logout_token");
        }
        if (logoutToken.length() > 16_384) {
            throw MatrixException.invalidParam("logout_token is too long");
        }
        String[] session;
        try {
            session = provider.logoutSession(logoutToken);
        } catch (SsoFailure invalid) {
            throw new MatrixException(400, ErrCode.M_INVALID_PARAM, invalid.getMessage());
        }
        int revoked = sessions.logOut(idpId, session[0], session[1]);
        LOG.info(() -> "SSO provider " + idpId + " back-channel logout revoked " + revoked + " device(s)");
        return Response.ok().header("Cache-Control", "no-store").build();
    }
}
