package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.NoStore;
import org.gatehouse.token.IssuedTokens;
import org.gatehouse.token.TokenService;

/**
 * {@code POST /_matrix/client/v3/refresh} (spec: "Refreshing access tokens"; {@code refresh.yaml}):
 * exchanges a refresh token for a new access and refresh token on the same device. Needs no access
 * token.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/refresh")
@Produces(MediaType.APPLICATION_JSON)
public class RefreshResource {

    /** The 200 body. */
    public record Refreshed(String accessToken, String refreshToken, Long expiresInMs) {
    }

    @Inject
    TokenService tokens;

    @POST
    @NoStore
    public Refreshed refresh(RefreshRequest request) {
        IssuedTokens issued = tokens.refresh(request.refreshToken());
        return new Refreshed(issued.accessToken(), issued.refreshToken(), issued.expiresInMs());
    }
}
