package org.gatehouse.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Records the client's address, as the connection reports it, in the {@link RequestContext}. */
@Provider
@PreMatching
public class ClientAddressFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestContext context;

    @Override
    public void filter(ContainerRequestContext request) {
        context.clientAddress(servletRequest.getRemoteAddr());
    }
}
