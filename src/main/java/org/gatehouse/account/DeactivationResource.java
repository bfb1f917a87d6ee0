package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.OptionallyAuthenticated;
import org.gatehouse.http.RequestContext;

/**
 * {@code POST /_matrix/client/v3/account/deactivate} (spec: "Account deactivation";
 * {@code account_deactivation.yaml}). The access token is optional ({@code security: [{},
 * accessTokenBearer]}): without one, the {@code m.login.password} stage names and proves the
 * account ({@link AccountManagement}). Guests and application services may not use it.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/deactivate")
@Produces(MediaType.APPLICATION_JSON)
@OptionallyAuthenticated
public class DeactivationResource {

    @Inject
    AccountManagement accounts;

    @Inject
    RequestContext context;

    @POST
    public DeactivateResponse deactivate(DeactivateRequest request) {
        return new DeactivateResponse(accounts.deactivate(AccountManagement.requester(context.presentedRequester()), context.body()));
    }
}
