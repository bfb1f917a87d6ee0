package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.NotForAppServices;
import org.gatehouse.http.RequestContext;

/**
 * {@code POST /_matrix/client/v3/account/password} (spec: "Password management";
 * {@code password_management.yaml}). Gatehouse requires an access token here: the flows it could
 * offer without one (e-mail or phone verification) are not implemented. Guests may not use it, nor
 * a suspended account (403 {@code M_USER_SUSPENDED}, spec: "Account suspension"), which is told
 * so before any User-Interactive Authentication.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/password")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@NotForAppServices
public class PasswordResource {

    @Inject
    AccountManagement accounts;

    @Inject
    RequestContext context;

    @POST
    public EmptyResponse changePassword(ChangePasswordRequest request) {
        context.requester().refuseIfSuspended();
        accounts.changePassword(context.requester(), request, context.body());
        return EmptyResponse.INSTANCE;
    }
}
