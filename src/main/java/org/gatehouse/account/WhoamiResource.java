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

/**
 * {@code GET /_matrix/client/v3/account/whoami} (spec: "Current account information"; {@code whoami.yaml}).
 * The body is written by {@link WhoamiJson}, not JSON-B (one fewer serialisation per request).
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/whoami")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Authenticated
@AllowGuest
public class WhoamiResource {

    @Inject
    RequestContext context;

    @GET
    public String whoami() {
        Requester requester = context.requester();
        return WhoamiJson.of(requester.userId(), requester.deviceId(), requester.guest());
    }
}
