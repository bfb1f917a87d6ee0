package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.NotForAppServices;
import org.gatehouse.http.RequestContext;

/**
 * {@code POST /_matrix/client/v3/account/deactivate} (spec: "Account deactivation";
 * {@code account_deactivation.yaml}). Gatehouse requires an access token here, as it has no other
 * way to tell whose account is meant. Guests may not use it.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/deactivate")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@NotForAppServices
public class DeactivationResource {

    @Inject
    AccountManagement accounts;

    @Inject
    RequestContext context;

    @POST
    public DeactivateResponse deactivate(DeactivateRequest request) {
        return new DeactivateResponse(accounts.deactivate(context.requester(), request, context.body()));
    }
}
