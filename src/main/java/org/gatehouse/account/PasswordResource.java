package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.OptionallyAuthenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;

/**
 * {@code POST /_matrix/client/v3/account/password} (spec: "Password management";
 * {@code password_management.yaml}). The access token is optional ({@code security: [{},
 * accessTokenBearer]}): without one, the {@code m.login.password} stage names and proves the
 * account ({@link AccountManagement}). Guests and application services may not use it, nor a
 * suspended account (403 {@code M_USER_SUSPENDED}, spec: "Account suspension"), which is told so
 * before any User-Interactive Authentication.
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
        Optional<Requester> requester = AccountManagement.requester(context.presentedRequester());
        requester.ifPresent(Requester::refuseIfSuspended);
        accounts.changePassword(requester, request, context.body());
        return EmptyResponse.INSTANCE;
    }
}
