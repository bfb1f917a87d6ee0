package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.AllowGuest;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;

/** {@code GET /_matrix/client/v3/account/whoami} (spec: "Current account information"; {@code whoami.yaml}). */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/whoami")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AllowGuest
public class WhoamiResource {

    /** The response: who the access token belongs to. */
    public record Whoami(String userId, String deviceId, boolean isGuest) {
    }

    @Inject
    RequestContext context;

    @GET
    public Whoami whoami() {
        Requester requester = context.requester();
        return new Whoami(requester.userId(), requester.deviceId(), requester.guest());
    }
}
