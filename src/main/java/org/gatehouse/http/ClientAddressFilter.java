package org.gatehouse.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.gatehouse.config.TrustedProxiesConfig;

/**
 * Records the client's address in the {@link RequestContext}: the connection's peer, or the hop
 * {@link ForwardedFor} picks from {@code X-Forwarded-For} when the peer is one of
 * {@code gatehouse.http.trusted-proxies}.
 */
@Provider
@PreMatching
public class ClientAddressFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestContext context;

    @Inject
    TrustedProxiesConfig proxies;

    @Override
    public void filter(ContainerRequestContext request) {
        context.clientAddress(ForwardedFor.clientAddress(servletRequest.getRemoteAddr(),
                request.getHeaders().get("X-Forwarded-For"), proxies.trustedProxies()));
    }
}
