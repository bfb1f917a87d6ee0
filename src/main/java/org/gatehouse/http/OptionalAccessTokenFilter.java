package org.gatehouse.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.IdentityAssertion;
import org.gatehouse.token.TokenService;

/**
 * Authenticates the access token of a request to an {@link OptionallyAuthenticated} endpoint
 * without ever refusing the request: the requester, or why its token was refused (ambiguous,
 * unknown), is kept in {@link RequestContext}, whose {@link RequestContext#requester()} throws
 * that reason (or 401 {@code M_MISSING_TOKEN} when no token was presented) to the services that
 * need a requester. No identity is asserted here: on
 * {@code /register} and {@code /login} an application service acts as itself (Application Service
 * API, "Server admin style permissions"), whatever {@code user_id} its SDK adds to the query.
 */
@Provider
@OptionallyAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class OptionalAccessTokenFilter implements ContainerRequestFilter {

    @Inject
    TokenService tokens;

    @Inject
    RequestContext context;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String token = AccessTokenFilter.optionalToken(request, request.getUriInfo().getQueryParameters());
            if (token != null) {
                context.authenticate(tokens.authenticate(token, IdentityAssertion.NONE));
            }
        } catch (MatrixException refused) {
            context.authenticationFailed(refused);
        }
    }
}
