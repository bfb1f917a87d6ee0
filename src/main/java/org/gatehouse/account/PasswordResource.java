package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.OptionallyAuthenticated;
import org.gatehouse.http.RequestContext;

/**
 * {@code POST /_matrix/client/v3/account/password} (spec: "Password management";
 * {@code password_management.yaml}). The access token is optional ({@code security: [{},
 * accessTokenBearer]}): without one, the {@code m.login.password} stage names and proves the
 * account ({@link AccountManagement}). Guests and application services may not use it.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/password")
@Produces(MediaType.APPLICATION_JSON)
@OptionallyAuthenticated
public class PasswordResource {

    @Inject
    AccountManagement accounts;

    @Inject
    RequestContext context;

    @POST
    public EmptyResponse changePassword(ChangePasswordRequest request) {
        accounts.changePassword(AccountManagement.requester(context.presentedRequester()), request, context.body());
        return EmptyResponse.INSTANCE;
    }
}
