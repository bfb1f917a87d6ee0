package org.gatehouse.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Cross-origin resource sharing as the spec's "Web Browser Clients" section asks: an
 * {@code OPTIONS} request to any path is answered here, before resource matching, so no endpoint
 * logic runs; every response carries the recommended {@code Access-Control-Allow-*} headers.
 */
@Provider
@PreMatching
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOW_ORIGIN = "*";
    static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOW_HEADERS = "X-Requested-With, Content-Type, Authorization";

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            request.abortWith(Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", ALLOW_ORIGIN);
        headers.putSingle("Access-Control-Allow-Methods", ALLOW_METHODS);
        headers.putSingle("Access-Control-Allow-Headers", ALLOW_HEADERS);
    }
}
